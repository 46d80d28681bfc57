package org.atom.task.project;

import org.atom.platform.web.ETags;
import org.atom.platform.web.PreconditionFailedException;
import org.springframework.http.ETag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * A project's entity tag: {@code "<version>.<taskCount>.<completedTaskCount>"}. The task counts (and the derived
 * progress) change with the project's tasks without changing its version, so a tag of the version alone would let
 * {@code If-None-Match} answer 304 for a project whose progress moved. {@code If-Match} guards the project's own
 * fields, so it compares the version part only: a tag read before a task changed, or {@code "<version>"} built
 * from the body, still admits a write.
 */
final class ProjectETags {

    private ProjectETags() {}

    static String of(ProjectView project) {
        return "\"" + project.version() + "." + project.taskCount() + "." + project.completedTaskCount() + "\"";
    }

    /** 200 with the body and its tag, or 304 (no body) if {@code If-None-Match} already names this representation. */
    static ResponseEntity<ProjectView> ok(String ifNoneMatch, ProjectView project) {
        String tag = of(project);
        if (ifNoneMatch != null && !ifNoneMatch.isBlank()) {
            ETag current = ETag.create(tag);
            if (ETag.parse(ifNoneMatch).stream().anyMatch(t -> t.isWildcard() || t.compare(current, false))) {
                return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(tag).build();
            }
        }
        return ResponseEntity.ok().eTag(tag).body(project);
    }

    /**
     * Call before changing (or deleting) a project, inside the transaction that loaded it.
     *
     * @throws PreconditionFailedException (412) unless {@code If-Match} is absent, {@code *}, or names the version
     */
    static void checkIfMatch(String ifMatch, long version) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return;
        }
        String current = Long.toString(version);
        boolean holds = ETag.parse(ifMatch).stream()
                .anyMatch(tag ->
                        tag.isWildcard() || (!tag.weak() && versionOf(tag.tag()).equals(current)));
        if (!holds) {
            throw new PreconditionFailedException("If-Match does not match the current version " + ETags.of(version)
                    + "; reload the project and try again");
        }
    }

    private static String versionOf(String tag) {
        int dot = tag.indexOf('.');
        return dot < 0 ? tag : tag.substring(0, dot);
    }
}
