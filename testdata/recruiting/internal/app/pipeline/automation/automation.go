// Package automation evaluates pipeline automation: knockout questions on
// apply, and idle-application rules run by the worker.
package automation

import (
	"slices"
	"strings"
	"time"

	dbpipeline "github.com/hirebase/ats/internal/db/pipeline"
	"github.com/hirebase/ats/internal/models"
)

// KnockoutResult is the outcome of screening an application's answers.
type KnockoutResult struct {
	KnockedOut bool
	Reason     string
	Missing    []string // prompts of required questions left unanswered
	Invalid    []string // prompts whose answer is not an allowed choice
}

// EvaluateKnockouts checks answers (question id -> answer) against the posting's questions.
func EvaluateKnockouts(questions []models.PostingQuestion, answers map[string]string) KnockoutResult {
	var r KnockoutResult
	for _, q := range questions {
		ans := strings.TrimSpace(answers[q.ID])
		if ans == "" {
			if q.Required {
				r.Missing = append(r.Missing, q.Prompt)
			}
			continue
		}
		if len(q.Choices) > 0 && !slices.Contains(q.Choices, strings.ToLower(ans)) && !slices.Contains(q.Choices, ans) {
			r.Invalid = append(r.Invalid, q.Prompt)
			continue
		}
		if q.Knockout != "" && strings.EqualFold(ans, q.Knockout) && !r.KnockedOut {
			r.KnockedOut = true
			r.Reason = "knockout: " + q.Prompt
		}
	}
	return r
}

// Action is something the worker should do to an application.
type Action struct {
	Application models.Application
	Rule        dbpipeline.Rule
}

// Due pairs idle applications with the rule that fired. Applications in a
// terminal stage, or already closed, are never touched.
func Due(rule dbpipeline.Rule, apps []models.Application, now time.Time) []Action {
	cutoff := Cutoff(rule, now)
	var out []Action
	for _, a := range apps {
		if a.Status != "active" || a.StageKey == models.StageHired || a.StageKey == models.StageOffer {
			continue
		}
		if a.StageEnteredAt.Before(cutoff) {
			out = append(out, Action{Application: a, Rule: rule})
		}
	}
	return out
}

func Cutoff(rule dbpipeline.Rule, now time.Time) time.Time {
	return now.AddDate(0, 0, -rule.AfterDays)
}

// ValidateTransition enforces stage ordering: forward moves may skip stages,
// backward moves may go back one stage only, and hired is reachable only
// from offer.
func ValidateTransition(stages []models.Stage, from, to string) (string, bool) {
	pos := func(key string) int {
		for _, s := range stages {
			if s.Key == key {
				return s.Position
			}
		}
		return -1
	}
	pf, pt := pos(from), pos(to)
	switch {
	case pt < 0:
		return "unknown stage " + to, false
	case pf == pt:
		return "application is already in " + to, false
	case to == models.StageHired && from != models.StageOffer:
		return "candidates can only be hired from the offer stage", false
	case pt < pf:
		prev := -1
		for _, s := range stages {
			if s.Position < pf && s.Position > prev {
				prev = s.Position
			}
		}
		if pt != prev {
			return "applications can only move back one stage", false
		}
	}
	return "", true
}
