package org.federationgateway.admin;

import java.util.List;
import java.util.Map;

/**
 * No page of its own: the figures the host's server holds for the plugin (Openfire's StatisticsManager), as read
 * back, which the REST API's status resource adds to the status page's.
 */
public record StatisticsView(List<Map<String, Object>> statistics) implements ViewModel {
    public StatisticsView {
        statistics = Views.list(statistics, "statistics");
    }
}
