// Package grading scores submissions and publishes results.
package grading

import (
	"math"
	"slices"
	"strings"

	"quill.dev/academy/pkg/assessment/domain"
)

// Score grades answers against quiz and returns the percentage (0-100).
func Score(q domain.Quiz, answers map[string]domain.Answer) float64 {
	var got, max float64
	for _, qq := range q.Questions {
		pts := qq.Points
		if pts == 0 {
			pts = 1
		}
		max += pts
		a, ok := answers[qq.ID]
		if !ok {
			continue
		}
		got += pts * questionScore(qq, a)
	}
	if max == 0 {
		return 0
	}
	return math.Round(got/max*1000) / 10
}

func questionScore(q domain.Question, a domain.Answer) float64 {
	switch q.Kind {
	case domain.SingleChoice:
		if len(a.Choices) == 1 && len(q.Correct) == 1 && a.Choices[0] == q.Correct[0] {
			return 1
		}
	case domain.MultiChoice:
		// partial credit: +1 per correct pick, -1 per wrong pick, floored at 0
		var s float64
		for _, c := range a.Choices {
			if slices.Contains(q.Correct, c) {
				s++
			} else {
				s--
			}
		}
		if len(q.Correct) == 0 || s <= 0 {
			return 0
		}
		return s / float64(len(q.Correct))
	case domain.Numeric:
		if math.Abs(a.Number-q.Value) <= q.Tolerance {
			return 1
		}
	case domain.FreeText:
		if len(q.Keywords) == 0 {
			return 1
		}
		text := strings.ToLower(a.Text)
		hit := 0
		for _, k := range q.Keywords {
			if strings.Contains(text, strings.ToLower(k)) {
				hit++
			}
		}
		return float64(hit) / float64(len(q.Keywords))
	}
	return 0
}
