package org.federationgateway.readiness;

import org.federationgateway.policy.StableCode;

/** The plain-language verdict of one readiness line. */
public enum Verdict implements StableCode {
    OK("ok"),
    /** Works, but something will bite: a certificate about to expire, a missing SRV record with a working fallback. */
    WARNING("warning"),
    FAIL("fail");

    private final String code;

    Verdict(String code) {
        this.code = code;
    }

    @Override
    public String code() {
        return code;
    }
}
