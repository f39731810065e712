package org.jivesoftware.openfire.stats;

/** Stand-in for Openfire 5's StatisticsManager (declarations only). */
public class StatisticsManager {
    public static StatisticsManager getInstance() { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public void addStatistic(String statKey, Statistic definition) { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public void removeStatistic(String statKey) { throw new UnsupportedOperationException("Openfire API stand-in"); }
}
