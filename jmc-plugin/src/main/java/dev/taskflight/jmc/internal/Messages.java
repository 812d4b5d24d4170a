package dev.taskflight.jmc.internal;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The rules' texts, from {@code messages.properties} beside this class. Placeholders such as
 * {@code {pool}} are the identifiers of a rule's results and preferences: JMC fills them in when it
 * shows a result ({@code ResultToolkit.populateMessage}).
 */
public final class Messages {

    private static final String BUNDLE_NAME = "dev.taskflight.jmc.internal.messages";

    private Messages() {
    }

    /**
     * Returns the text of a key in the default locale.
     *
     * @param key the key, not {@code null}
     * @return the text, or {@code !key!} when it is missing, not {@code null}
     */
    public static String getString(String key) {
        try {
            return ResourceBundle.getBundle(BUNDLE_NAME, Locale.getDefault(), Messages.class.getClassLoader())
                    .getString(key);
        } catch (MissingResourceException e) {
            return "!" + key + "!";
        }
    }
}
