package org.atom.calendar.event.ics;

import java.util.List;

/** A component ({@code VCALENDAR}, {@code VEVENT}, {@code VALARM} …) with its properties and sub-components. */
public record IcsComponent(String name, List<IcsProperty> properties, List<IcsComponent> components, int line) {

    /** The first property of that name, or null. */
    public IcsProperty property(String name) {
        for (IcsProperty property : properties) {
            if (property.name().equals(name)) {
                return property;
            }
        }
        return null;
    }

    public List<IcsProperty> properties(String name) {
        return properties.stream().filter(p -> p.name().equals(name)).toList();
    }

    public List<IcsComponent> components(String name) {
        return components.stream().filter(c -> c.name().equals(name)).toList();
    }
}
