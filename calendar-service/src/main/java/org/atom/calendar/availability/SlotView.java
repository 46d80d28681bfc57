package org.atom.calendar.availability;

import java.time.Instant;

/** One slot of the availability grid, in the original API's shape (camelCase): free or not. */
record SlotView(Instant startTime, Instant endTime, boolean available) {}
