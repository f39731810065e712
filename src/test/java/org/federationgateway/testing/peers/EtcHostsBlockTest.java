package org.federationgateway.testing.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EtcHostsBlockTest {
    private static final String SYSTEM = "127.0.0.1 localhost\n::1 localhost ip6-localhost\n";
    private static final TestHosts HOSTS = TestHosts.builder().add("b.test", "127.0.70.4").add("a.test", "127.0.70.2").build();

    @Test
    void writesOneSortedBlockAndRemovesItOnClose(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("hosts");
        Files.writeString(file, SYSTEM, StandardCharsets.UTF_8);
        try (EtcHostsBlock first = EtcHostsBlock.install(file, HOSTS); EtcHostsBlock again = EtcHostsBlock.install(file, HOSTS)) {
            assertEquals(SYSTEM + "# federationgateway-test begin\n127.0.70.2 a.test\n127.0.70.4 b.test\n# federationgateway-test end\n",
                    Files.readString(file, StandardCharsets.UTF_8), "installing twice leaves one block");
        }
        assertEquals(SYSTEM, Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void replacesAStaleBlockLeftByACrashedRun() {
        String stale = SYSTEM + EtcHostsBlock.BEGIN + "\n127.0.0.9 old.test\n" + EtcHostsBlock.END + "\n10.0.0.1 kept\n";
        assertEquals(SYSTEM + "10.0.0.1 kept\n" + EtcHostsBlock.BEGIN + "\n127.0.70.2 a.test\n" + EtcHostsBlock.END + "\n",
                EtcHostsBlock.withBlock(stale, "127.0.70.2 a.test\n"));
    }
}
