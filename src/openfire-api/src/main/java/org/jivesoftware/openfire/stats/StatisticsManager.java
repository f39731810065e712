package org.jivesoftware.openfire.stats;

/** Stand-in for Openfire 5's StatisticsManager (declarations only). */
public class StatisticsManager {
    /** Openfire's own constructor is not public; without this the compiler would declare a public one. */
    private StatisticsManager() { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public static StatisticsManager getInstance() { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public void addStatistic(String statKey, Statistic definition) { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public Statistic getStatistic(String statKey) { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public void removeStatistic(String statKey) { throw new UnsupportedOperationException("Openfire API stand-in"); }
}
