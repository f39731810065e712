package org.federationgateway.testing;

import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.federationgateway.testing.openfire.OpenfireInstallation;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Ends a test run with one line per opt-in suite saying whether it ran and on what: the real-Openfire tests per
 * installation (with their results), or that they were skipped and how to run them. Registered through
 * META-INF/services, so surefire and failsafe print it on the console.
 */
public final class OptInSuitesSummary implements TestExecutionListener {
    private static final String PREFIX = "Opt-in suite";
    private static final String NO_INSTALLATION = "no Openfire installation";

    /** Invocation display name ("Openfire 5.1.1 at ..." or the placeholder) -> counts. */
    private final Map<String, int[]> byInstallation = new ConcurrentHashMap<>();
    private TestPlan plan;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        if (test.isTest()) {
            installationOf(test).ifPresent(i -> counts(i)[2]++);
        }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (test.isTest()) {
            installationOf(test).ifPresent(i -> counts(i)[result.getStatus() == TestExecutionResult.Status.SUCCESSFUL ? 0 : 1]++);
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (byInstallation.isEmpty()) {
            return;
        }
        PrintStream out = System.out;
        new TreeMap<>(byInstallation).forEach((installation, c) -> {
            if (installation.equals(NO_INSTALLATION)) {
                out.println(PREFIX + " real Openfire: did not run, " + c[2] + " tests skipped. " + OpenfireInstallation.HOW_TO_RUN);
            } else {
                out.println(PREFIX + " real Openfire on " + installation + ": ran, " + c[0] + " succeeded, " + c[1] + " did not, "
                        + c[2] + " skipped");
            }
        });
        out.flush();
    }

    private int[] counts(String installation) {
        return byInstallation.computeIfAbsent(installation, k -> new int[3]);
    }

    /** The enclosing per-installation run of an {@code @EachOpenfire} class, by its display name. */
    private Optional<String> installationOf(TestIdentifier test) {
        if (plan == null) {
            return Optional.empty();
        }
        for (Optional<TestIdentifier> p = plan.getParent(test); p.isPresent(); p = plan.getParent(p.get())) {
            String name = p.get().getDisplayName();
            if (name.startsWith("Openfire ") || name.equals(NO_INSTALLATION)) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }
}
