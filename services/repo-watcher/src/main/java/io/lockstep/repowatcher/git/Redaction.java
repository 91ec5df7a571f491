package io.lockstep.repowatcher.git;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps credentials out of everything the watcher shows: URLs lose their user-info, and known secret values are
 * masked in any message (JGit's error messages quote the URL they failed on).
 */
public final class Redaction {
    private static final Pattern USER_INFO = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\\s]*@");
    private static final Pattern USER_INFO_PARTS = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://([^/@\\s]*)@");
    private static final Pattern PASSWORD = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)([^/@:\\s]*):[^/@\\s]*@");
    private static final String MASK = "***";

    private final List<String> secrets;

    public Redaction(List<String> secrets) {
        List<String> usable = new ArrayList<>();
        for (String secret : secrets) {
            // Masking a one-letter "secret" would garble every message without protecting anything.
            if (secret != null && secret.length() >= 4) {
                usable.add(secret);
            }
        }
        this.secrets = List.copyOf(usable);
    }

    /** The URL without user name or password: {@code https://tok@host/repo.git} becomes {@code https://host/repo.git}. */
    public static String url(String url) {
        return url == null ? null : USER_INFO.matcher(url).replaceAll("$1");
    }

    /** The URL without a password: {@code ssh://git:pw@host/repo.git} becomes {@code ssh://git@host/repo.git}. */
    public static String password(String url) {
        return url == null ? null : PASSWORD.matcher(url).replaceAll("$1$2@");
    }

    /** A URL's user-info ({@code user:password} or a token), or null when it has none. */
    public static String userInfo(String url) {
        Matcher m = USER_INFO_PARTS.matcher(url == null ? "" : url);
        return m.find() ? m.group(1) : null;
    }

    /** The password (or token) of a URL's user-info, so it can be masked even where it appears on its own. */
    public static List<String> userInfoSecrets(String url) {
        Matcher m = USER_INFO_PARTS.matcher(url == null ? "" : url);
        if (!m.find()) {
            return List.of();
        }
        String userInfo = m.group(1);
        int colon = userInfo.indexOf(':');
        return colon < 0 ? List.of(userInfo) : List.of(userInfo.substring(colon + 1));
    }

    /** The message with every URL's user-info and every known secret removed. */
    public String message(String message) {
        if (message == null) {
            return null;
        }
        String out = USER_INFO.matcher(message).replaceAll("$1");
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        return out;
    }
}
