package dev.chainrule.numeric;

import java.util.Locale;

/**
 * The judgement of an analytic derivative against its finite difference: PASS, FAIL, KINK (a kink within the step:
 * the difference cannot judge), UNRESOLVED (the difference does not settle as its step shrinks — the function
 * varies faster than any usable step resolves, e.g. cos(eˣ) at x = 178 — so it cannot judge either).
 */
public enum Verdict {
    PASS, FAIL, KINK, UNRESOLVED;

    /** "pass", "fail", "kink" or "unresolved", as the JSON output writes it. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
