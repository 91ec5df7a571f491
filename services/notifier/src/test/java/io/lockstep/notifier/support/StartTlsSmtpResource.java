package io.lockstep.notifier.support;

import com.icegreen.greenmail.util.GreenMail;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;

/**
 * A real SMTP server (SubEthaSMTP) on port-587 terms: plain at first, STARTTLS offered and required before any mail,
 * SMTP auth required, GreenMail's self-signed certificate as its own. Quarkus Mailer is pointed at it with exactly the
 * settings the README documents for STARTTLS. It records every upgrade to TLS and every message with whether its
 * session was encrypted and authenticated.
 */
public class StartTlsSmtpResource implements QuarkusTestResourceLifecycleManager {
    public static final String USER = "lockstep-starttls";
    public static final String PASSWORD = "starttls-pass-" + UUID.randomUUID();

    /** A message as the server received it. */
    public record Received(String from, String to, String data, boolean overTls, boolean authenticated) {
    }

    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    private static final AtomicInteger STARTTLS = new AtomicInteger();
    private static volatile SMTPServer server;

    /** Messages received so far. */
    public static List<Received> received() {
        return List.copyOf(RECEIVED);
    }

    /** How many sessions were upgraded to TLS by STARTTLS. */
    public static int startTlsUpgrades() {
        return STARTTLS.get();
    }

    @Override
    public Map<String, String> start() {
        SSLContext tls = serverTls();
        server = SMTPServer.port(0)
                .bindAddress(InetAddress.getLoopbackAddress())
                .hostName("localhost")
                .requireTLS()
                .startTlsSocketFactory(socket -> upgrade(tls, socket))
                .authenticationHandlerFactory(new EasyAuthenticationHandlerFactory((user, password, context) -> {
                    if (!USER.equals(user) || !PASSWORD.equals(password)) {
                        throw new LoginFailedException();
                    }
                }))
                .requireAuth()
                .messageHandler((context, from, to, data) -> {
                    Session session = (Session) context;
                    RECEIVED.add(new Received(from, to, new String(data, StandardCharsets.UTF_8),
                            session.isTLSStarted(), session.isAuthenticated()));
                })
                .build();
        server.start();
        return Map.ofEntries(
                Map.entry("quarkus.mailer.host", "127.0.0.1"),
                Map.entry("quarkus.mailer.port", String.valueOf(server.getPortAllocated())),
                Map.entry("quarkus.mailer.from", "lockstep@example.com"),
                Map.entry("quarkus.mailer.mock", "false"),
                Map.entry("quarkus.mailer.start-tls", "REQUIRED"),
                // With a TLS configuration named, Quarkus Mailer turns implicit TLS on unless told otherwise.
                Map.entry("quarkus.mailer.tls", "false"),
                Map.entry("quarkus.mailer.username", USER),
                Map.entry("quarkus.mailer.password", PASSWORD),
                Map.entry("quarkus.mailer.tls-configuration-name", "smtp"),
                Map.entry("quarkus.tls.smtp.trust-store.pem.certs",
                        SecureGreenMailResource.greenMailCertificate().toString()),
                // GreenMail's certificate names no host; trusting it is the point, its name cannot match.
                Map.entry("quarkus.tls.smtp.hostname-verification-algorithm", "NONE"));
    }

    /** The STARTTLS upgrade of one session, counted: the server's side of the handshake. */
    private static SSLSocket upgrade(SSLContext tls, Socket socket) throws java.io.IOException {
        InetSocketAddress remote = (InetSocketAddress) socket.getRemoteSocketAddress();
        SSLSocket upgraded = (SSLSocket) tls.getSocketFactory().createSocket(socket, remote.getHostString(),
                socket.getPort(), true);
        upgraded.setUseClientMode(false);
        STARTTLS.incrementAndGet();
        return upgraded;
    }

    /** GreenMail's key pair (the keystore in its jar) as this server's identity. */
    private static SSLContext serverTls() {
        try (InputStream in = GreenMail.class.getResourceAsStream("/greenmail.p12")) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, "changeit".toCharArray());
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, "changeit".toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("cannot load GreenMail's key pair: " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
