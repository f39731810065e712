package org.federationgateway.testing.peers;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Which process listens on a TCP port, from {@code ss -ltnp}: for daemons that detach from us (epmd). */
public final class ListeningProcesses {
    private static final Pattern PID = Pattern.compile("pid=(\\d+)");

    private ListeningProcesses() {
    }

    public static OptionalLong pidOf(String address, int port) {
        String output = Commands.tryRun(Duration.ofSeconds(10), Map.of(), List.of("ss", "-ltnpH")).output();
        String local = address + ":" + port;
        for (String line : output.lines().toList()) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length >= 4 && columns[3].equals(local)) {
                Matcher m = PID.matcher(line);
                if (m.find()) {
                    return OptionalLong.of(Long.parseLong(m.group(1)));
                }
            }
        }
        return OptionalLong.empty();
    }
}
