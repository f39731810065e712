package org.federationgateway.testing.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Short-lived helper commands (prosodyctl, ejabberdctl, initdb, ss): run, wait, fail loudly with their output. */
public final class Commands {
    private Commands() {
    }

    public record Result(int exitCode, String output) {
    }

    /** Runs the command and returns its combined output; a non-zero exit or a timeout is an AssertionError. */
    public static String run(Duration timeout, String... command) {
        Result result = tryRun(timeout, Map.of(), List.of(command));
        if (result.exitCode() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited with " + result.exitCode() + ":\n" + result.output());
        }
        return result.output();
    }

    public static Result tryRun(Duration timeout, Map<String, String> environment, List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(environment);
        try {
            Process p = pb.start();
            p.getOutputStream().close(); // no stdin: nothing may wait for a terminal
            // Read on another thread so a chatty command cannot block on a full pipe while we wait for it.
            var output = new CompletableFuture<String>();
            Thread reader = new Thread(() -> {
                try {
                    output.complete(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    output.complete("(output unreadable: " + e + ")");
                }
            }, "output of " + command.get(0));
            reader.setDaemon(true);
            reader.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout.toSeconds() + " s");
            }
            return new Result(p.exitValue(), output.get(5, TimeUnit.SECONDS));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("cannot read the output of " + command, e);
        }
    }

    /** Sends a signal by PID with kill(1), for the signals Java's Process cannot send (SIGINT). */
    public static void signal(long pid, String signal) {
        tryRun(Duration.ofSeconds(5), Map.of(), List.of("kill", "-s", signal, Long.toString(pid)));
    }
}
