package org.federationgateway.testing.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EtcHostsBlockTest {
    private static final String SYSTEM = "127.0.0.1 localhost\n::1 localhost ip6-localhost\n";
    private static final TestHosts HOSTS = TestHosts.builder().add("b.test", "127.0.70.4").add("a.test", "127.0.70.2").build();
    private static final long ME = ProcessHandle.current().pid();

    @Test
    void writesOneSortedBlockOfItsOwnAndRemovesItOnClose(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("hosts");
        Files.writeString(file, SYSTEM, StandardCharsets.UTF_8);
        try (EtcHostsBlock first = EtcHostsBlock.install(file, HOSTS, ME); EtcHostsBlock again = EtcHostsBlock.install(file, HOSTS, ME)) {
            assertEquals(SYSTEM + "# federationgateway-test begin pid " + ME + "\n127.0.70.2 a.test\n127.0.70.4 b.test\n# federationgateway-test end pid " + ME + "\n",
                    Files.readString(file, StandardCharsets.UTF_8), "installing twice leaves one block");
        }
        assertEquals(SYSTEM, Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void replacesAStaleBlockLeftByACrashedRunOrAnOlderVersion() {
        String stale = SYSTEM + EtcHostsBlock.BEGIN + "\n127.0.0.9 old.test\n" + EtcHostsBlock.END + "\n10.0.0.1 kept\n"
                + EtcHostsBlock.BEGIN + " pid 99\n127.0.0.8 dead.test\n" + EtcHostsBlock.END + " pid 99\n";
        assertEquals(SYSTEM + "10.0.0.1 kept\n" + EtcHostsBlock.BEGIN + " pid 7\n127.0.70.2 a.test\n" + EtcHostsBlock.END + " pid 7\n",
                EtcHostsBlock.withBlock(stale, 7, "127.0.70.2 a.test\n", pid -> false));
    }

    @Test
    void keepsAnotherLiveRunsBlockWhenWritingAndRemovingItsOwn() {
        String lab = EtcHostsBlock.BEGIN + " pid 42\n127.0.90.2 b.test\n" + EtcHostsBlock.END + " pid 42\n";
        String both = EtcHostsBlock.withBlock(SYSTEM + lab, 7, "127.0.70.2 a.test\n127.0.90.2 b.test\n", pid -> pid == 42);
        assertEquals(SYSTEM + lab + EtcHostsBlock.BEGIN + " pid 7\n127.0.70.2 a.test\n127.0.90.2 b.test\n" + EtcHostsBlock.END + " pid 7\n", both,
                "the same address for the same name is no contradiction");
        assertEquals(SYSTEM + lab, EtcHostsBlock.withBlock(both, 7, "", pid -> pid == 42), "closing removes only its own block");
    }

    @Test
    void refusesNamesThatAnotherLiveRunMapsElsewhere() {
        String lab = SYSTEM + EtcHostsBlock.BEGIN + " pid 42\n127.0.90.2 b.test\n" + EtcHostsBlock.END + " pid 42\n";
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> EtcHostsBlock.withBlock(lab, 7, "127.0.70.3 b.test\n", pid -> pid == 42));
        assertTrue(refused.getMessage().startsWith("/etc/hosts maps b.test to 127.0.90.2 for another run (pid 42; the lab is one: scripts/lab.sh down"),
                refused.getMessage());
    }

    @Test
    void aPrivateHostsFileStartsFromTheMachinesLinesWithoutTestBlocks() {
        assertEquals(SYSTEM + "10.0.0.1 kept\n", EtcHostsBlock.withoutBlocks(SYSTEM + EtcHostsBlock.BEGIN + " pid 42\n127.0.90.2 b.test\n"
                + EtcHostsBlock.END + " pid 42\n10.0.0.1 kept\n"));
    }
}
