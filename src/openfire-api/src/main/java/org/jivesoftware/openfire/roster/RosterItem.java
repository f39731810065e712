package org.jivesoftware.openfire.roster;

/** Stand-in for Openfire 5's RosterItem (declarations only). */
public class RosterItem {
    public enum SubType { REMOVE, NONE, TO, FROM, BOTH }

    public enum AskType { NONE, SUBSCRIBE, UNSUBSCRIBE }

    public SubType getSubStatus() { throw new UnsupportedOperationException("Openfire API stand-in"); }

    public AskType getAskStatus() { throw new UnsupportedOperationException("Openfire API stand-in"); }
}
