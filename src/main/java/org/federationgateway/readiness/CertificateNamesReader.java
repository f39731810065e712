package org.federationgateway.readiness;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/** The identities a certificate asserts for XMPP (RFC 6120 §13.7.1.4, RFC 7590 / RFC 6125): dNSName and id-on-xmppAddr. */
final class CertificateNamesReader {
    static final ASN1ObjectIdentifier ID_ON_XMPP_ADDR = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.8.5");

    record Names(List<String> dnsNames, List<String> xmppAddrs) {
    }

    private CertificateNamesReader() {
    }

    static Names read(X509Certificate certificate) {
        List<String> dns = new ArrayList<>();
        List<String> xmpp = new ArrayList<>();
        byte[] extension = certificate.getExtensionValue(Extension.subjectAlternativeName.getId());
        if (extension == null) {
            return new Names(dns, xmpp);
        }
        try {
            GeneralNames names = GeneralNames.getInstance(ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(extension).getOctets()));
            for (GeneralName name : names.getNames()) {
                if (name.getTagNo() == GeneralName.dNSName) {
                    dns.add(((ASN1String) name.getName()).getString().toLowerCase(Locale.ROOT));
                } else if (name.getTagNo() == GeneralName.otherName) {
                    ASN1Sequence other = ASN1Sequence.getInstance(name.getName());
                    if (ID_ON_XMPP_ADDR.equals(other.getObjectAt(0))) {
                        ASN1Encodable value = other.getObjectAt(1);
                        while (value instanceof ASN1TaggedObject tagged) {
                            value = tagged.getExplicitBaseObject();
                        }
                        if (value instanceof ASN1String text) {
                            xmpp.add(text.getString().toLowerCase(Locale.ROOT));
                        }
                    }
                }
            }
        } catch (IOException | IllegalArgumentException | ClassCastException e) {
            // An unreadable extension asserts nothing; the checks then report the names as not covered.
        }
        return new Names(dns, xmpp);
    }

    /** RFC 6125 §6.4.3: a wildcard stands for exactly one left-most label. */
    static boolean dnsNameCovers(String pattern, String domain) {
        if (pattern.equals(domain)) {
            return true;
        }
        if (pattern.startsWith("*.")) {
            int dot = domain.indexOf('.');
            return dot > 0 && domain.substring(dot + 1).equals(pattern.substring(2));
        }
        return false;
    }
}
