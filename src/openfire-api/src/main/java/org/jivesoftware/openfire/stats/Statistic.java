package org.jivesoftware.openfire.stats;

/** Stand-in for Openfire 5's Statistic (declarations only). */
public interface Statistic {
    String getName();

    Type getStatType();

    String getDescription();

    String getUnits();

    double sample();

    boolean isPartialSample();

    /** Openfire 5's statistic types; {@code rate} and {@code count} are deprecated there. */
    enum Type {
        amount,
        @Deprecated
        rate,
        @Deprecated
        count
    }
}
