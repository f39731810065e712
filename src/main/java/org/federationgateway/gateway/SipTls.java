package org.federationgateway.gateway;

import java.util.Locale;
import java.util.Set;

import org.federationgateway.policy.SettingException;

/**
 * SIP over TLS: the gateway's certificate (a PKCS#12 or JKS key store), the CAs it trusts, and the names of
 * peers trusted by certificate (a peer presenting a certificate for one of them may send requests from any
 * address).
 *
 * @param port               the TLS port, usually 5061
 * @param keyStore           path of the key store with the gateway's certificate and key
 * @param keyStorePassword   its password
 * @param trustStore         path of the trust store with the CAs of the front end and trusted peers
 * @param trustStorePassword its password
 * @param trustedPeerNames   DNS names (lower case) of peers trusted by certificate
 */
public record SipTls(int port, String keyStore, String keyStorePassword, String trustStore, String trustStorePassword,
                     Set<String> trustedPeerNames) {
    public SipTls {
        if (port < 1 || port > 65535) {
            throw new SettingException("sip.tls.port", "a port is 1-65535, not " + port);
        }
        if (keyStore == null || keyStore.isBlank()) {
            throw new SettingException("sip.tls.keyStore", "SIP over TLS needs the key store with the gateway's certificate");
        }
        if (trustStore == null || trustStore.isBlank()) {
            throw new SettingException("sip.tls.trustStore", "SIP over TLS needs a trust store with the front end's CA");
        }
        keyStorePassword = keyStorePassword == null ? "" : keyStorePassword;
        trustStorePassword = trustStorePassword == null ? "" : trustStorePassword;
        trustedPeerNames = trustedPeerNames.stream().map(n -> n.strip().toLowerCase(Locale.ROOT)).filter(n -> !n.isEmpty())
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }
}
