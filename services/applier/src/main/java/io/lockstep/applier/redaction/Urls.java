package io.lockstep.applier.redaction;

import java.util.regex.Pattern;

/** Keeps credentials out of what users see: URLs lose their user-info, free text loses any embedded in URLs. */
public final class Urls {
    private static final Pattern USER_INFO = Pattern.compile("(?i)([a-z][a-z0-9+.-]*://)[^/@\\s]*@");

    private Urls() {
    }

    /** The URL without {@code user:password@}; a URL that is not one is returned as it is. */
    public static String redact(String url) {
        return url == null ? null : USER_INFO.matcher(url).replaceFirst("$1");
    }

    /** The text with the user-info of every URL in it removed (JGit and HTTP clients quote URLs in errors). */
    public static String redactText(String text) {
        return text == null ? null : USER_INFO.matcher(text).replaceAll("$1");
    }
}
