package org.atom.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code errors[].field} of violations raised outside Spring MVC's own validation (a {@code @Validated} controller or
 * bean, which throws {@link ConstraintViolationException}): elements of lists and maps are named by their path as the
 * client sent it — {@code attendees[2].email}, {@code tags[1]}, {@code email[1]} — never by Hibernate Validator's
 * {@code <list element>}.
 */
class ConstraintViolationFieldsTest {

    private static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();
    private static final Validator VALIDATOR = FACTORY.getValidator();

    private final ProblemExceptionHandler handler =
            new ProblemExceptionHandler(JsonMapper.builder().build());

    record Attendee(@Email String email) {}

    record Invitation(
            @NotBlank String title,
            List<@Valid Attendee> attendees,
            List<@NotBlank String> tags,
            Map<String, @NotBlank String> labels,
            Set<@NotBlank String> keywords) {}

    static class Calendar {
        void freeBusy(List<@Email String> email, @Size(max = 3) String q) {}

        void invite(@Valid Invitation invitation) {}

        void inviteAll(List<@Valid Attendee> attendees) {}
    }

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    @Test
    void elementsOfABeansListsAndMapsAreNamedByTheirPath() {
        Invitation invitation = new Invitation(
                " ",
                List.of(new Attendee("a@b.co"), new Attendee("c@d.co"), new Attendee("nope")),
                List.of("fine", " "),
                Map.of("home", " "),
                Set.of(" "));

        assertThat(fields(VALIDATOR.validate(invitation)))
                .containsExactlyInAnyOrder(
                        "title: must not be blank",
                        "attendees[2].email: must be a well-formed email address",
                        "tags[1]: must not be blank",
                        "labels[home]: must not be blank",
                        "keywords: must not be blank");
    }

    @Test
    void elementsOfAListParameterAreNamedByTheParameterAndTheirIndex() throws NoSuchMethodException {
        Method freeBusy = Calendar.class.getDeclaredMethod("freeBusy", List.class, String.class);

        assertThat(fields(VALIDATOR.forExecutables().validateParameters(new Calendar(), freeBusy, new Object[] {
                    List.of("a@b.co", "nope"), "long"
                })))
                .containsExactlyInAnyOrder(
                        "email[1]: must be a well-formed email address", "q: size must be between 0 and 3");
    }

    @Test
    void aBeanParameterIsNamedFromTheBeanAndAListOfBeansFromItsIndex() throws NoSuchMethodException {
        Method invite = Calendar.class.getDeclaredMethod("invite", Invitation.class);
        Invitation invitation = new Invitation("t", List.of(new Attendee("nope")), List.of(), Map.of(), Set.of());
        assertThat(fields(VALIDATOR.forExecutables().validateParameters(new Calendar(), invite, new Object[] {invitation
                })))
                .containsExactly("attendees[0].email: must be a well-formed email address");

        Method inviteAll = Calendar.class.getDeclaredMethod("inviteAll", List.class);
        assertThat(fields(VALIDATOR.forExecutables().validateParameters(new Calendar(), inviteAll, new Object[] {
                    List.of(new Attendee("a@b.co"), new Attendee("nope"))
                })))
                .containsExactly("[1].email: must be a well-formed email address");
    }

    @Test
    void theProblemNamesThePathInItsDetailToo() throws NoSuchMethodException {
        Method freeBusy = Calendar.class.getDeclaredMethod("freeBusy", List.class, String.class);

        ProblemDetail problem = problem(VALIDATOR
                .forExecutables()
                .validateParameters(new Calendar(), freeBusy, new Object[] {List.of("nope"), "q"}));

        assertThat(problem.getStatus()).isEqualTo(400);
        assertThat(problem.getDetail())
                .isEqualTo("The request is invalid: 'email[0]' must be a well-formed email address")
                .doesNotContain("<");
    }

    private List<String> fields(Set<? extends ConstraintViolation<?>> violations) {
        @SuppressWarnings("unchecked")
        List<FieldViolation> errors =
                (List<FieldViolation>) problem(violations).getProperties().get(ProblemResponses.ERRORS);
        return errors.stream().map(e -> e.field() + ": " + e.message()).toList();
    }

    private ProblemDetail problem(Set<? extends ConstraintViolation<?>> violations) {
        assertThat(violations).isNotEmpty();
        ResponseEntity<Object> response = handler.handleConstraintViolation(
                new ConstraintViolationException(violations), new ServletWebRequest(new MockHttpServletRequest()));
        return (ProblemDetail) response.getBody();
    }
}
