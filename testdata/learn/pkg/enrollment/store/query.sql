-- name: CreateEnrollment :exec
INSERT INTO enrollments (id, user_id, course_id, status, source, progress, enrolled_at)
VALUES ($1, $2, $3, $4, $5, 0, $6);

-- name: GetEnrollment :one
SELECT * FROM enrollments WHERE id = $1;

-- name: GetEnrollmentByUserCourse :one
SELECT * FROM enrollments WHERE user_id = $1 AND course_id = $2;

-- name: ListEnrollmentsByUser :many
SELECT * FROM enrollments WHERE user_id = $1 ORDER BY enrolled_at DESC LIMIT $2 OFFSET $3;

-- name: CountActiveBySource :one
SELECT count(*) FROM enrollments WHERE user_id = $1 AND source = $2 AND status = 'active';

-- name: CountEnrollmentsByCourse :one
SELECT count(*) FROM enrollments WHERE course_id = $1 AND status IN ('active', 'completed');

-- name: UpdateEnrollmentStatus :exec
UPDATE enrollments SET status = $2, completed_at = $3 WHERE id = $1;

-- name: UpdateEnrollmentProgress :exec
UPDATE enrollments SET progress = $2, last_activity_at = $3 WHERE id = $1;

-- name: SuspendBySource :execrows
UPDATE enrollments SET status = 'suspended' WHERE user_id = $1 AND source = $2 AND status = 'active';

-- name: ListReminderCandidates :many
SELECT * FROM enrollments
WHERE status = 'active' AND last_activity_at < $1 AND (last_reminded_at IS NULL OR last_reminded_at < $2)
ORDER BY last_activity_at LIMIT $3;

-- name: MarkReminded :exec
UPDATE enrollments SET last_reminded_at = $2 WHERE id = $1;

-- name: InsertLessonProgress :exec
INSERT INTO enrollment_lesson_progress (enrollment_id, lesson_id, completed_at)
VALUES ($1, $2, $3) ON CONFLICT DO NOTHING;

-- name: ListCompletedLessons :many
SELECT lesson_id FROM enrollment_lesson_progress WHERE enrollment_id = $1;

-- name: HasActiveSubscription :one
-- Billing exposes this via RPC but it was too slow on the enroll path (ENR-88).
SELECT EXISTS (
  SELECT 1 FROM billing_subscriptions
  WHERE user_id = $1 AND status IN ('active', 'trialing', 'past_due') AND current_period_end > now()
);
