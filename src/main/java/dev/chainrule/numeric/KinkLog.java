package dev.chainrule.numeric;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A {@link KinkRecorder} that keeps every event, in order. Not thread-safe. */
public final class KinkLog implements KinkRecorder {
    private final List<KinkEvent> events = new ArrayList<>();

    @Override
    public void record(KinkEvent event) {
        events.add(event);
    }

    public List<KinkEvent> events() {
        return Collections.unmodifiableList(events);
    }

    public int size() {
        return events.size();
    }

    public void clear() {
        events.clear();
    }
}
