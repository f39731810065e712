package org.federationgateway.openfire;

import org.federationgateway.admin.AdminChanges;
import org.jivesoftware.openfire.security.SecurityAuditManager;
import org.slf4j.Logger;
import org.federationgateway.lifecycle.NodeLog;

/** Administrative changes into Openfire's security audit log (Server > Security Audit Viewer). */
final class OpenfireAuditLog implements AdminChanges.Sink {
    private static final Logger LOG = NodeLog.getLogger(OpenfireAuditLog.class);

    @Override
    public void record(String actor, String summary, String details) {
        try {
            SecurityAuditManager.getInstance().logEvent(actor, summary, details);
        } catch (RuntimeException e) {
            // The change is saved already; the record is not lost either, it goes to openfire.log instead.
            LOG.warn("Federation Gateway: cannot write to the security audit log ({}); change by {}: {}\n{}", e.toString(), actor, summary, details);
        }
    }
}
