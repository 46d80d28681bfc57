package org.atom.task.project;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for projects. Every statement names the owner: no query can reach another user's rows. */
@Repository
class ProjectRepository {

    static final String COLUMNS = """
            id, owner_id, name, description, color, archived, kind, progress_override, dev_status, live_url,
            preview_url, metrics::text AS metrics, position, version, created_at, updated_at""";

    private final JdbcClient jdbc;

    ProjectRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Project> find(String ownerId, UUID id, boolean forUpdate) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM project WHERE owner_id = ? AND id = ?"
                        + (forUpdate ? " FOR UPDATE" : ""))
                .params(ownerId, id)
                .query(ProjectRepository::row)
                .optional();
    }

    /** Whether the project is the user's. */
    boolean exists(String ownerId, UUID id) {
        return jdbc.sql("SELECT count(*) FROM project WHERE owner_id = ? AND id = ?")
                        .params(ownerId, id)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /**
     * Whether the project is the user's; if it is, it stays until the caller's transaction ends (a key-share lock:
     * a concurrent delete waits, and then detaches the tasks the caller put in it).
     */
    boolean hold(String ownerId, UUID id) {
        return !jdbc.sql("SELECT id FROM project WHERE owner_id = ? AND id = ? FOR KEY SHARE")
                .params(ownerId, id)
                .query(UUID.class)
                .list()
                .isEmpty();
    }

    void insert(Project project) {
        jdbc.sql("""
                        INSERT INTO project (id, owner_id, name, description, color, archived, kind, progress_override,
                          dev_status, live_url, preview_url, metrics, position, version, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)
                        """)
                .params(
                        project.id,
                        project.ownerId,
                        project.name,
                        project.description,
                        project.color,
                        project.archived,
                        project.kind.value(),
                        project.progressOverride,
                        project.devStatus == null ? null : project.devStatus.value(),
                        project.liveUrl,
                        project.previewUrl,
                        Metrics.write(project.metrics),
                        project.position,
                        project.version,
                        Timestamp.from(project.createdAt),
                        Timestamp.from(project.updatedAt))
                .update();
    }

    /** Writes the project if it is still at {@code project.version}, and bumps it; false if someone got there first. */
    boolean update(Project project) {
        int rows = jdbc.sql("""
                        UPDATE project SET name = ?, description = ?, color = ?, archived = ?, kind = ?,
                          progress_override = ?, dev_status = ?, live_url = ?, preview_url = ?, metrics = ?::jsonb,
                          position = ?, version = version + 1, updated_at = ?
                        WHERE owner_id = ? AND id = ? AND version = ?
                        """)
                .params(
                        project.name,
                        project.description,
                        project.color,
                        project.archived,
                        project.kind.value(),
                        project.progressOverride,
                        project.devStatus == null ? null : project.devStatus.value(),
                        project.liveUrl,
                        project.previewUrl,
                        Metrics.write(project.metrics),
                        project.position,
                        Timestamp.from(project.updatedAt),
                        project.ownerId,
                        project.id,
                        project.version)
                .update();
        if (rows == 1) {
            project.version++;
        }
        return rows == 1;
    }

    void delete(String ownerId, UUID id) {
        jdbc.sql("DELETE FROM project WHERE owner_id = ? AND id = ?")
                .params(ownerId, id)
                .update();
    }

    int deleteAllOf(String ownerId) {
        return jdbc.sql("DELETE FROM project WHERE owner_id = ?")
                .params(ownerId)
                .update();
    }

    /** Where a new project goes: after the user's others. */
    double nextPosition(String ownerId) {
        return jdbc.sql("SELECT coalesce(max(position), 0) + 1 FROM project WHERE owner_id = ?")
                .params(ownerId)
                .query(Double.class)
                .single();
    }

    /**
     * The task counts of each of the given projects in one grouped statement (a whole page of them): tasks at every
     * level, cancelled ones left out. Projects without tasks are absent from the map.
     */
    Map<UUID, TaskCounts> taskCounts(String ownerId, Collection<UUID> projects) {
        Map<UUID, TaskCounts> counts = new HashMap<>();
        if (projects.isEmpty()) {
            return counts;
        }
        jdbc.sql("""
                        SELECT project_id, count(*) FILTER (WHERE status <> 'cancelled'),
                          count(*) FILTER (WHERE status = 'completed')
                        FROM task WHERE owner_id = ? AND project_id = ANY(?) GROUP BY project_id
                        """)
                .params(ownerId, projects.toArray(UUID[]::new))
                .query((rs, i) -> counts.put(rs.getObject(1, UUID.class), new TaskCounts(rs.getLong(2), rs.getLong(3))))
                .list();
        return counts;
    }

    TaskCounts taskCounts(String ownerId, UUID project) {
        return taskCounts(ownerId, List.of(project)).getOrDefault(project, TaskCounts.NONE);
    }

    static Project row(ResultSet rs, int i) throws SQLException {
        Project project = new Project(
                rs.getObject("id", UUID.class),
                rs.getString("owner_id"),
                rs.getTimestamp("created_at").toInstant());
        project.name = rs.getString("name");
        project.description = rs.getString("description");
        project.color = rs.getString("color");
        project.archived = rs.getBoolean("archived");
        project.kind = ProjectKind.of(rs.getString("kind")).orElseThrow();
        project.progressOverride = rs.getObject("progress_override", Integer.class);
        String devStatus = rs.getString("dev_status");
        project.devStatus =
                devStatus == null ? null : DevelopmentStatus.of(devStatus).orElseThrow();
        project.liveUrl = rs.getString("live_url");
        project.previewUrl = rs.getString("preview_url");
        project.metrics = Metrics.read(rs.getString("metrics"));
        project.position = rs.getDouble("position");
        project.version = rs.getLong("version");
        project.updatedAt = rs.getTimestamp("updated_at").toInstant();
        return project;
    }
}
