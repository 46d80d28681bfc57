package org.atom.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CursorTest {

    @Test
    void aCursorSurvivesTheRoundTripAsAnUrlSafeToken() {
        Instant at = Instant.parse("2025-01-10T10:00:00.123456Z");
        UUID id = UUID.randomUUID();

        String token = Cursor.of(at, id).encode();
        Cursor back = Cursor.decode(token);

        assertThat(token).matches("[A-Za-z0-9_-]+");
        assertThat(back.instant(0)).isEqualTo(at);
        assertThat(back.uuid(1)).isEqualTo(id);
    }

    @Test
    void anEditedTruncatedOrForeignCursorIsA400NamingCursor() {
        String token = Cursor.of(Instant.EPOCH, UUID.randomUUID()).encode();
        String edited = token.substring(0, 5) + (token.charAt(5) == 'x' ? 'y' : 'x') + token.substring(6);

        for (String bad : List.of(edited, token.substring(0, token.length() - 3), "bm90LWEtY3Vyc29y", "%%%", "")) {
            assertThatThrownBy(() -> Cursor.decode(bad))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            BadRequestException.class,
                            e -> assertThat(e.errors())
                                    .extracting(FieldViolation::field)
                                    .containsExactly("cursor"));
        }
    }

    @Test
    void aKeyOfTheWrongShapeIsA400NamingCursor() {
        Cursor cursor = Cursor.decode(Cursor.of("not-a-time").encode());

        assertThatThrownBy(() -> cursor.instant(0)).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> cursor.uuid(1)).isInstanceOf(BadRequestException.class);
    }

    @Test
    void limitDefaultsTo50AndMustBeBetween1And200() {
        assertThat(CursorPageRequest.of(null, null).limit()).isEqualTo(50);
        assertThat(CursorPageRequest.of(200, "").isFirst()).isTrue();
        for (int bad : new int[] {0, -1, 201}) {
            assertThatThrownBy(() -> CursorPageRequest.of(bad, null))
                    .isInstanceOfSatisfying(
                            BadRequestException.class,
                            e -> assertThat(e.errors())
                                    .extracting(FieldViolation::field)
                                    .containsExactly("limit"));
        }
    }

    @Test
    void aPageKeepsLimitItemsAndStartsTheNextAfterTheLastKept() {
        CursorPageRequest request = CursorPageRequest.of(2, null);

        CursorPage<Integer> full = CursorPage.of(List.of(1, 2, 3), request, i -> Cursor.of(i), 7);
        CursorPage<Integer> last = CursorPage.of(List.of(1, 2), request, i -> Cursor.of(i), 7);

        assertThat(full.items()).containsExactly(1, 2);
        assertThat(full.next().longValue(0)).isEqualTo(2);
        assertThat(full.map(i -> "#" + i).items()).containsExactly("#1", "#2");
        assertThat(last.next()).isNull();
        assertThat(last.totalCount()).isEqualTo(7);
    }
}
