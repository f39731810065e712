package org.federationgateway.store;

import java.util.Arrays;
import java.util.Locale;

/** The databases Openfire supports, named as its schema scripts are (federationgateway_<code>.sql). */
public enum Database {
    HSQLDB("hsqldb"),
    POSTGRESQL("postgresql"),
    MYSQL("mysql"),
    SQLSERVER("sqlserver"),
    ORACLE("oracle");

    private final String code;

    Database(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public String schemaResource() {
        return "database/federationgateway_" + code + ".sql";
    }

    /** From a JDBC URL such as jdbc:postgresql://..., or jdbc:hsqldb:file:...; MariaDB (jdbc:mariadb:) uses the MySQL script. */
    public static Database fromJdbcUrl(String url) {
        String lower = url == null ? "" : url.toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(d -> lower.startsWith("jdbc:" + d.code + ":")
                        || (d == SQLSERVER && lower.startsWith("jdbc:jtds:sqlserver:"))
                        || (d == MYSQL && lower.startsWith("jdbc:mariadb:")))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unsupported database URL: " + url
                        + " (expected hsqldb, postgresql, mysql, mariadb, sqlserver or oracle)"));
    }
}
