package org.federationgateway.readiness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Opens a server-to-server stream to a partner as this server would (RFC 6120 §4, §5) and reads what it offers:
 * STARTTLS (and whether it is required), then, over TLS, SASL mechanisms and server dialback (XEP-0220). It
 * authenticates nothing and sends no stanza; it closes the stream once it has read the features.
 */
public final class StreamProbe {
    static final String STREAMS = "http://etherx.jabber.org/streams";
    static final String TLS_NS = "urn:ietf:params:xml:ns:xmpp-tls";
    static final String SASL_NS = "urn:ietf:params:xml:ns:xmpp-sasl";
    static final String DIALBACK_FEATURE_NS = "urn:xmpp:features:dialback";
    static final String DIALBACK_NS = "jabber:server:dialback";

    /** What one set of stream features offered. */
    public record Features(boolean starttls, boolean starttlsRequired, boolean dialback, List<String> saslMechanisms) {
        public Features {
            saslMechanisms = List.copyOf(saslMechanisms);
        }
    }

    /**
     * @param plain       the features before TLS
     * @param overTls     the features after STARTTLS, or null when TLS was not offered or failed
     * @param tlsProtocol e.g. TLSv1.3, or empty
     * @param cipherSuite or empty
     * @param peerSubject the subject of the partner's certificate, or empty
     * @param failure     why the probe stopped early, or empty
     * @param streamError the condition of a stream error the partner closed the stream with over TLS (say, not-authorized), or empty
     */
    public record Result(Features plain, Features overTls, String tlsProtocol, String cipherSuite, String peerSubject, String failure,
                         String streamError) {
        public boolean reached() {
            return plain != null;
        }

        /** What the partner offers once TLS is up, if it is; otherwise before TLS. */
        public Features effective() {
            return overTls != null ? overTls : plain;
        }
    }

    private final SSLContext tls;
    private final Duration timeout;

    /**
     * The trust a probe needs: none. It reads features and reports the partner's certificate subject; it sends
     * nothing that trust would protect, and a certificate problem must not hide what the partner offers.
     */
    public static javax.net.ssl.X509TrustManager readOnlyTrust() {
        return new javax.net.ssl.X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
    }

    /** @param tls the context for STARTTLS; its key manager decides which certificate this server presents */
    public StreamProbe(SSLContext tls, Duration timeout) {
        this.tls = Objects.requireNonNull(tls, "tls");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    public Result probe(HostPort target, String from, String to) {
        Features plain = null;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(target.host(), target.port()), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            XMLStreamReader in = open(socket.getInputStream(), socket.getOutputStream(), from, to);
            plain = readFeatures(in);
            if (!plain.starttls()) {
                close(socket.getOutputStream());
                return new Result(plain, null, "", "", "", "", "");
            }
            write(socket.getOutputStream(), "<starttls xmlns='" + TLS_NS + "'/>");
            if (!"proceed".equals(nextElementName(in))) {
                return new Result(plain, null, "", "", "", "no <proceed/> after <starttls/>", "");
            }
            try (SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(socket, to, target.port(), true)) {
                SSLParameters parameters = secure.getSSLParameters();
                parameters.setServerNames(List.of(new SNIHostName(to)));
                secure.setSSLParameters(parameters);
                secure.startHandshake();
                String protocol = secure.getSession().getProtocol();
                String cipher = secure.getSession().getCipherSuite();
                String subject = peerSubject(secure);
                XMLStreamReader overTls = open(secure.getInputStream(), secure.getOutputStream(), from, to);
                try {
                    Features features = readFeatures(overTls);
                    close(secure.getOutputStream());
                    return new Result(plain, features, protocol, cipher, subject, "", "");
                } catch (StreamErrorException e) {
                    return new Result(plain, null, protocol, cipher, subject, e.getMessage(), e.condition);
                }
            }
        } catch (IOException | XMLStreamException | RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Result(plain, null, "", "", "", why, "");
        }
    }

    private static XMLStreamReader open(InputStream in, OutputStream out, String from, String to) throws IOException, XMLStreamException {
        write(out, "<?xml version='1.0'?><stream:stream xmlns='jabber:server' xmlns:stream='" + STREAMS + "' xmlns:db='" + DIALBACK_NS
                + "' from='" + from + "' to='" + to + "' version='1.0'>");
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XMLStreamReader reader = factory.createXMLStreamReader(in, "UTF-8");
        String first = nextElementName(reader);
        if (!"stream".equals(first) || !STREAMS.equals(reader.getNamespaceURI())) {
            throw new IOException("the partner did not open an XMPP stream (got <" + first + ">)");
        }
        return reader;
    }

    private static Features readFeatures(XMLStreamReader in) throws XMLStreamException, IOException {
        String name = nextElementName(in);
        if (name.equals("error") && STREAMS.equals(in.getNamespaceURI())) {
            throw new StreamErrorException(streamError(in));
        }
        if (!name.equals("features")) {
            throw new IOException("expected <stream:features/>, got <" + name + ">");
        }
        boolean starttls = false;
        boolean required = false;
        boolean dialback = false;
        List<String> mechanisms = new ArrayList<>();
        int depth = 1;
        String parent = "";
        while (depth > 0) {
            int event = in.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                String ns = in.getNamespaceURI();
                String local = in.getLocalName();
                if (depth == 2) {
                    parent = local + "|" + ns;
                    starttls |= local.equals("starttls") && TLS_NS.equals(ns);
                    dialback |= local.equals("dialback") && DIALBACK_FEATURE_NS.equals(ns);
                } else if (depth == 3 && local.equals("required") && parent.equals("starttls|" + TLS_NS)) {
                    required = true;
                } else if (depth == 3 && local.equals("mechanism") && parent.equals("mechanisms|" + SASL_NS)) {
                    mechanisms.add(in.getElementText().trim());
                    depth--; // getElementText consumed the end tag
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
        // Only the advertised feature counts (XEP-0220 §2.4): a declared db namespace alone does not say dialback is allowed.
        return new Features(starttls, required, dialback, mechanisms);
    }

    /** The partner closed the stream with {@code <stream:error/>}. */
    private static final class StreamErrorException extends IOException {
        private static final long serialVersionUID = 1L;
        private final String condition;

        StreamErrorException(String condition) {
            super("the partner closed the stream: " + condition);
            this.condition = condition;
        }
    }

    private static String streamError(XMLStreamReader in) throws XMLStreamException {
        while (in.hasNext()) {
            if (in.next() == XMLStreamConstants.START_ELEMENT) {
                return in.getLocalName();
            }
        }
        return "unknown";
    }

    private static String nextElementName(XMLStreamReader in) throws XMLStreamException {
        while (in.hasNext()) {
            if (in.next() == XMLStreamConstants.START_ELEMENT) {
                return in.getLocalName();
            }
        }
        throw new XMLStreamException("the partner closed the stream");
    }

    private static String peerSubject(SSLSocket socket) {
        try {
            Certificate[] chain = socket.getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x ? x.getSubjectX500Principal().getName() : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void close(OutputStream out) {
        try {
            write(out, "</stream:stream>");
        } catch (IOException e) {
            // the probe is done either way
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
