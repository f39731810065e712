package org.federationgateway.openfire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Exactly one survivor, the senior member, adopts a departed node's subscriptions, whatever order the events come in. */
class SubscriptionAdoptionTest {
    /**
     * Events, separated by spaces: {@code left:N} (another node left while this one is not senior), {@code left!:N} (while
     * it is senior), {@code senior} (marked senior), {@code joined:N}, {@code out} (this node left the cluster).
     */
    @ParameterizedTest(name = "{0} -> adopts [{1}]")
    @CsvSource(delimiter = '|', value = {
            "left!:n1                      | n1",
            "left:n1                       | ''",
            "left:n1 senior                | n1",
            "left:n1 left:n3 senior        | n1 n3",
            "left:n1 joined:n1 senior      | ''",
            "left:n1 out senior            | ''",
            "left!:n1 joined:n1 left!:n1   | n1 n1",
            "left:n1 senior senior         | n1",
            "left!:n2 left:n3 senior       | n2 n3",
    })
    void adoptedNodes(String events, String expected) {
        SubscriptionAdoption adoption = new SubscriptionAdoption();
        List<String> adopted = new ArrayList<>();
        for (String e : events.trim().split("\\s+")) {
            if (e.startsWith("left!:")) {
                adopted.addAll(adoption.left(e.substring(6), true));
            } else if (e.startsWith("left:")) {
                adopted.addAll(adoption.left(e.substring(5), false));
            } else if (e.startsWith("joined:")) {
                adoption.joined(e.substring(7));
            } else if (e.equals("senior")) {
                adopted.addAll(adoption.markedSenior());
            } else if (e.equals("out")) {
                adoption.leftCluster();
            } else {
                throw new IllegalArgumentException(e);
            }
        }
        assertEquals(expected.isBlank() ? List.of() : List.of(expected.trim().split(" ")), adopted);
    }
}
