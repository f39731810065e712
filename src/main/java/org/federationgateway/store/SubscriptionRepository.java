package org.federationgateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.federationgateway.gateway.PresenceSubscription;
import org.federationgateway.gateway.SipDialog;
import org.federationgateway.gateway.SubscriptionStore;

/**
 * Bridged presence subscriptions in table fgwSubscription, so they survive a restart. Each change is one
 * transaction; lookups are served by the in-memory index in front of it. On an Openfire cluster each row names the node
 * that serves it (ownerNode): a node sees and refreshes only its own, claims rows no node owns yet (from before
 * the column existed), and adopts those of a node that left the cluster in one UPDATE, so no row has two owners.
 */
public final class SubscriptionRepository implements SubscriptionStore {
    private static final String COLUMNS = "callId, kind, xmppUser, sipUser, localUri, localTag, remoteUri, remoteTag, remoteTarget, routeSet, "
            + "cseq, state, expiresAt";

    private final Transactions transactions;
    private final String owner;
    private final boolean soleNode;

    /** A store with no owner: every row is this gateway's (the standalone gateway, one process per database). */
    public SubscriptionRepository(Transactions transactions) {
        this(transactions, null);
    }

    /** @param owner this node's id (Openfire's clustering.nodeid), or null for a store with no owner */
    public SubscriptionRepository(Transactions transactions, String owner) {
        this(transactions, owner, false);
    }

    /**
     * @param soleNode the server is not clustered: every row in its database is its own, whichever node id it had when
     *                 it stored it (Openfire 5.0 gives a server a new node id at every start, so rows stored before a
     *                 restart name an id no node has any more)
     */
    public SubscriptionRepository(Transactions transactions, String owner, boolean soleNode) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.owner = owner;
        this.soleNode = soleNode;
    }

    @Override
    public Optional<PresenceSubscription> find(String key) {
        return all().stream().filter(s -> s.key().equals(key)).findFirst();
    }

    @Override
    public Optional<PresenceSubscription> findByCallId(String callId) {
        return all().stream().filter(s -> s.dialog().callId().equals(callId)).findFirst();
    }

    @Override
    public void save(PresenceSubscription s) {
        transactions.inTransaction("save subscription " + s.key(), c -> {
            delete(c, s);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO fgwSubscription (" + COLUMNS + ", ownerNode) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                SipDialog d = s.dialog();
                ps.setString(1, d.callId());
                ps.setString(2, s.kind().code());
                ps.setString(3, s.xmppUser());
                ps.setString(4, s.sipUser());
                ps.setString(5, d.localUri());
                ps.setString(6, d.localTag());
                ps.setString(7, d.remoteUri());
                setNullable(ps, 8, d.remoteTag());
                setNullable(ps, 9, d.remoteTarget());
                setNullable(ps, 10, d.routeSet().isEmpty() ? null : String.join("\n", d.routeSet()));
                ps.setLong(11, s.cseq());
                ps.setString(12, s.state().code());
                ps.setLong(13, s.expires().toEpochMilli());
                setNullable(ps, 14, owner);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void remove(String key) {
        String[] parts = key.split("\\|", 3);
        transactions.inTransaction("remove subscription " + key, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM fgwSubscription WHERE kind = ? AND xmppUser = ? AND sipUser = ?")) {
                ps.setString(1, parts[0]);
                ps.setString(2, parts[1]);
                ps.setString(3, parts[2]);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * This node's subscriptions, after claiming those no node owns yet (on a server that is not clustered, every row);
     * without an owner, every row.
     */
    @Override
    public Collection<PresenceSubscription> all() {
        if (owner == null) {
            return transactions.read("load subscriptions", c -> select(c, "SELECT " + COLUMNS + " FROM fgwSubscription", null));
        }
        return transactions.inTransaction("load subscriptions of " + owner, c -> {
            String claim = soleNode ? "UPDATE fgwSubscription SET ownerNode = ? WHERE ownerNode IS NULL OR ownerNode <> ?"
                    : "UPDATE fgwSubscription SET ownerNode = ? WHERE ownerNode IS NULL";
            try (PreparedStatement ps = c.prepareStatement(claim)) {
                ps.setString(1, owner);
                if (soleNode) {
                    ps.setString(2, owner);
                }
                ps.executeUpdate();
            }
            return select(c, "SELECT " + COLUMNS + " FROM fgwSubscription WHERE ownerNode = ?", owner);
        });
    }

    /**
     * Takes over the subscriptions of a node that left the cluster, in one UPDATE: of two nodes trying at once, the
     * database lets one change the rows, and the other finds none left.
     *
     * @return every subscription this node owns now (the caller tells the adopted ones from those it had)
     */
    @Override
    public Collection<PresenceSubscription> adopt(String departedNode) {
        Objects.requireNonNull(departedNode, "departedNode");
        if (owner == null || owner.equals(departedNode)) {
            return List.of();
        }
        return transactions.inTransaction("adopt the subscriptions of " + departedNode, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE fgwSubscription SET ownerNode = ? WHERE ownerNode = ?")) {
                ps.setString(1, owner);
                ps.setString(2, departedNode);
                ps.executeUpdate();
            }
            return select(c, "SELECT " + COLUMNS + " FROM fgwSubscription WHERE ownerNode = ?", owner);
        });
    }

    /** The node named in the row with this key (any node's row); empty without an owner or a row. */
    @Override
    public Optional<String> ownerOf(String key) {
        if (owner == null) {
            return Optional.empty();
        }
        String[] parts = key.split("\\|", 3);
        if (parts.length < 3) {
            return Optional.empty();
        }
        return transactions.read("owner of subscription " + key, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT ownerNode FROM fgwSubscription WHERE kind = ? AND xmppUser = ? AND sipUser = ?")) {
                ps.setString(1, parts[0]);
                ps.setString(2, parts[1]);
                ps.setString(3, parts[2]);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    private static List<PresenceSubscription> select(Connection c, String sql, String owner) throws SQLException {
        List<PresenceSubscription> list = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (owner != null) {
                ps.setString(1, owner);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String routes = rs.getString(10);
                    SipDialog d = new SipDialog(rs.getString(1), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getString(9), routes == null ? List.of() : Arrays.asList(routes.split("\n")));
                    list.add(new PresenceSubscription(PresenceSubscription.Kind.fromCode(rs.getString(2)), rs.getString(3), rs.getString(4), d,
                            rs.getLong(11), PresenceSubscription.State.fromCode(rs.getString(12)), Instant.ofEpochMilli(rs.getLong(13))));
                }
            }
        }
        return list;
    }

    /** Removes the row of this subscription's users and kind, and any row with its Call-ID. */
    private static void delete(Connection c, PresenceSubscription s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM fgwSubscription WHERE (kind = ? AND xmppUser = ? AND sipUser = ?) OR callId = ?")) {
            ps.setString(1, s.kind().code());
            ps.setString(2, s.xmppUser());
            ps.setString(3, s.sipUser());
            ps.setString(4, s.dialog().callId());
            ps.executeUpdate();
        }
    }

    private static void setNullable(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }
}
