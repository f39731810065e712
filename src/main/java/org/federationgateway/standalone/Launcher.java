package org.federationgateway.standalone;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

import org.federationgateway.policy.SettingException;

/**
 * {@code java -jar federationgateway-standalone.jar gateway.properties}: the gateway as a component of Prosody
 * or ejabberd. Runs until stopped (SIGTERM or Ctrl-C), then closes the component link and the SIP stack.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java -jar federationgateway-standalone.jar <gateway.properties>");
            System.exit(2);
        }
        StandaloneConfig config;
        try {
            config = StandaloneConfig.from(load(Path.of(args[0])));
        } catch (SettingException e) {
            System.err.println("gateway.properties: " + e.field() + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        ComponentGateway gateway = ComponentGateway.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            stopped.countDown();
        }, "federationgateway-shutdown"));
        stopped.await();
    }

    static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        return p;
    }
}
