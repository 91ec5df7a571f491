package io.lockstep.notifier.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.Map;

/**
 * A real SMTP server speaking implicit TLS (SMTPS, GreenMail's own self-signed certificate) that requires SMTP auth,
 * with Quarkus Mailer pointed at it, trusting exactly that certificate.
 */
public class SecureGreenMailResource implements QuarkusTestResourceLifecycleManager {
    public static final String USER = "lockstep-mailer";
    public static final String PASSWORD = "smtp-pass-" + java.util.UUID.randomUUID();
    private static volatile GreenMail greenMail;

    public static GreenMail greenMail() {
        return greenMail;
    }

    @Override
    public Map<String, String> start() {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS).dynamicPort());
        greenMail.start();
        greenMail.setUser("lockstep@example.com", USER, PASSWORD);
        greenMail.getUserManager().setAuthRequired(true);
        return Map.of(
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", String.valueOf(greenMail.getSmtps().getPort()),
                "quarkus.mailer.from", "lockstep@example.com",
                "quarkus.mailer.mock", "false",
                "quarkus.mailer.tls", "true",
                "quarkus.mailer.username", USER,
                "quarkus.mailer.password", PASSWORD,
                "quarkus.mailer.tls-configuration-name", "greenmail",
                "quarkus.tls.greenmail.trust-store.pem.certs", greenMailCertificate().toString(),
                // GreenMail's certificate names no host; trusting it is the point, its name cannot match.
                "quarkus.tls.greenmail.hostname-verification-algorithm", "NONE");
    }

    /** GreenMail's certificate (from the keystore in its jar) as a PEM file. */
    static Path greenMailCertificate() {
        try (InputStream in = GreenMail.class.getResourceAsStream("/greenmail.p12")) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, "changeit".toCharArray());
            Certificate certificate = store.getCertificate(store.aliases().nextElement());
            String pem = "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
            Path file = Files.createTempFile("greenmail", ".pem");
            Files.writeString(file, pem);
            file.toFile().deleteOnExit();
            return file;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read GreenMail's certificate: " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }
}
