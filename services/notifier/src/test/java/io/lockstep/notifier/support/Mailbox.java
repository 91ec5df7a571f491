package io.lockstep.notifier.support;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;

/** Reads what GreenMail received: messages for one application, and their plain-text and HTML parts. */
public final class Mailbox {
    private Mailbox() {
    }

    /** Received messages whose subject names this application id. */
    public static List<MimeMessage> about(String appId) {
        return about(GreenMailResource.greenMail(), appId);
    }

    /** Received messages of this server whose subject names this application id. */
    public static List<MimeMessage> about(com.icegreen.greenmail.util.GreenMail server, String appId) {
        return Arrays.stream(server.getReceivedMessages())
                .filter(m -> subject(m).contains(appId + " "))
                .toList();
    }

    public static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String text(MimeMessage message) {
        return part(message, "text/plain");
    }

    public static String html(MimeMessage message) {
        return part(message, "text/html");
    }

    private static String part(Part part, String type) {
        try {
            if (part.isMimeType(type)) {
                return part.getContent().toString();
            }
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart body = multipart.getBodyPart(i);
                    String found = part(body, type);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the email: " + e.getMessage(), e);
        }
    }
}
