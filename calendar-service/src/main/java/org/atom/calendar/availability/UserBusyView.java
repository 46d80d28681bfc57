package org.atom.calendar.availability;

import java.util.List;

/** The busy intervals of the user with {@code email} (as the caller asked it, normalized). */
record UserBusyView(String email, List<BusyView> busy) {}
