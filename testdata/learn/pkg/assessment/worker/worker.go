// Package worker drains pending free-text submissions: runs the plagiarism
// check and either grades them or flags them for instructor review.
package worker

import (
	"context"
	"strings"
	"time"

	"quill.dev/academy/integrations/turnitin"
	"quill.dev/academy/pkg/assessment/domain"
	"quill.dev/academy/pkg/assessment/grading"
	"quill.dev/academy/pkg/assessment/repo"
	"quill.dev/academy/pkg/platform/log"
)

// FlagThreshold is the similarity percentage above which we flag.
const FlagThreshold = 40.0

// PlagiarismJob implements runner.Job.
type PlagiarismJob struct {
	Repo     *repo.Repo
	Grading  *grading.Service
	Turnitin *turnitin.Client
}

func (PlagiarismJob) Name() string { return "assessment.plagiarism" }

func (j PlagiarismJob) Run(ctx context.Context, _ time.Time) error {
	subs, err := j.Repo.Pending(ctx, 50)
	if err != nil {
		return err
	}
	for _, s := range subs {
		if err := j.process(ctx, s); err != nil {
			log.From(ctx).Error("plagiarism check", "submission", s.ID, "err", err)
		}
	}
	return nil
}

func (j PlagiarismJob) process(ctx context.Context, s domain.Submission) error {
	q, err := j.Repo.Quiz(ctx, s.QuizID)
	if err != nil {
		return err
	}
	var texts []string
	for _, qq := range q.Questions {
		if qq.Kind == domain.FreeText {
			texts = append(texts, s.Answers[qq.ID].Text)
		}
	}
	rep, err := j.Turnitin.Check(ctx, string(s.ID), strings.Join(texts, "\n\n"))
	if err != nil {
		return err
	}
	s.Similarity = rep.Similarity
	if rep.Similarity >= FlagThreshold {
		s.Status = domain.SubmissionFlagged
		return j.Repo.SaveSubmission(ctx, s)
	}
	return j.Grading.Finalize(ctx, q, &s)
}
