package org.federationgateway.testing.openfire;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs a real-Openfire test class once per installation the environment names ({@link OpenfireInstallation}),
 * each run named after its Openfire version. Without any, every test method is reported as skipped, with how to
 * run it, so the opt-in tests are counted rather than silently absent. The class starts its server in a
 * {@code @BeforeParameterizedClassInvocation} method, which returns at once for the placeholder.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedClass(name = "{0}")
@MethodSource("org.federationgateway.testing.openfire.OpenfireInstallation#forTests")
@ExtendWith(EachOpenfire.SkippedWithoutInstallation.class)
public @interface EachOpenfire {

    /** Skips each test method, not the class, so that surefire counts every one of them as skipped. */
    final class SkippedWithoutInstallation implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (context.getTestMethod().isEmpty() || !OpenfireInstallation.configured().isEmpty()) {
                return ConditionEvaluationResult.enabled("an Openfire installation is configured");
            }
            return ConditionEvaluationResult.disabled(OpenfireInstallation.HOW_TO_RUN);
        }
    }
}
