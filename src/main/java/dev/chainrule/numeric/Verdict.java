package dev.chainrule.numeric;

import java.util.Locale;

/** The judgement of an analytic derivative against its finite difference. */
public enum Verdict {
    PASS, FAIL, KINK;

    /** "pass", "fail" or "kink", as the JSON output writes it. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
