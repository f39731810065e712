package org.federationgateway.openfire;

import org.federationgateway.enforce.RosterView;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.roster.RosterItem;
import org.jivesoftware.openfire.user.UserNotFoundException;
import org.xmpp.packet.JID;

/** Roster facts from Openfire's roster cache (RFC 6121: the local user subscribed to, or asked for, the remote). */
final class OpenfireRoster implements RosterView {
    @Override
    public boolean localKnowsRemote(String username, String remoteBareJid) {
        try {
            RosterItem item = XMPPServer.getInstance().getRosterManager().getRoster(username).getRosterItem(new JID(remoteBareJid));
            if (item == null) {
                return false;
            }
            RosterItem.SubType sub = item.getSubStatus();
            return sub == RosterItem.SubType.TO || sub == RosterItem.SubType.BOTH || item.getAskStatus() == RosterItem.AskType.SUBSCRIBE;
        } catch (UserNotFoundException e) {
            return false;
        }
    }
}
