package org.federationgateway.testing.peers;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.federationgateway.testing.Ports;

/**
 * A peer started as a plain foreground process by this JVM, its output in a log file, stopped by its PID:
 * the stop signal first, SIGKILL after a grace period, then whatever children it left behind.
 */
public final class PeerProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;
    private final String stopSignal;
    private final Runnable killOnExit;

    private PeerProcess(String name, Process process, Path log, String stopSignal) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.stopSignal = stopSignal;
        this.killOnExit = () -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        };
        ShutdownCleanup.register(killOnExit);
    }

    /** Starts {@code command} with stdout and stderr appended to {@code log}; stopped later with SIGTERM. */
    public static PeerProcess start(String name, List<String> command, Path log) {
        return start(name, command, log, Map.of(), "TERM");
    }

    public static PeerProcess start(String name, List<String> command, Path log, Map<String, String> environment,
            String stopSignal) {
        return start(name, command, log, environment, stopSignal, false);
    }

    /** As {@link #start(String, List, Path)}, with its standard input open for {@link #send(String)} (a console). */
    public static PeerProcess startInteractive(String name, List<String> command, Path log) {
        return start(name, command, log, Map.of(), "TERM", true);
    }

    private static PeerProcess start(String name, List<String> command, Path log, Map<String, String> environment,
            String stopSignal, boolean input) {
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(input ? ProcessBuilder.Redirect.PIPE : ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().putAll(environment);
            return new PeerProcess(name, pb.start(), log, stopSignal);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    public long pid() {
        return process.pid();
    }

    /** One line to the standard input of a process started with {@link #startInteractive}. */
    public void send(String line) {
        try {
            process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot send " + line, e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return log;
    }

    public String log() {
        return readLog(log);
    }

    /** A log file's text so far; empty before the peer has written it. Malformed bytes do not fail the read. */
    public static String readLog(Path file) {
        try {
            return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the port, failing early (with the log) if the process dies first. */
    public void awaitPort(String host, int port, Duration timeout) {
        awaitCondition("port " + host + ":" + port, timeout, () -> Ports.isOpen(host, port));
    }

    public void awaitCondition(String what, Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + " before " + what + ":\n" + tail());
            }
            Ports.sleep(50);
        }
        throw new AssertionError(name + ": timed out after " + timeout.toMillis() + " ms waiting for " + what + ":\n" + tail());
    }

    public String tail() {
        List<String> lines = log().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** Waits until the log matches {@code pattern}; returns the whole log at that point. */
    public static String awaitLog(String what, Supplier<String> logSource, Pattern pattern, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            String text = logSource.get();
            if (pattern.matcher(text).find()) {
                return text;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + " never logged /" + pattern + "/ within " + timeout.toMillis() + " ms");
            }
            Ports.sleep(50);
        }
    }

    /** Stops the process by PID; idempotent. */
    public void stop(Duration grace) {
        // Children first noted: a killed parent re-parents them and they would be lost to us.
        List<ProcessHandle> children = process.descendants().toList();
        if (process.isAlive()) {
            Commands.signal(process.pid(), stopSignal);
            waitFor(grace);
        }
        if (process.isAlive()) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(5));
        }
        for (ProcessHandle child : children) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
        ShutdownCleanup.unregister(killOnExit);
    }

    /** Waits up to {@code timeout} for the process to end by itself; true if it did. */
    public boolean awaitExit(Duration timeout) {
        waitFor(timeout);
        return !process.isAlive();
    }

    private void waitFor(Duration timeout) {
        try {
            process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(5));
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
