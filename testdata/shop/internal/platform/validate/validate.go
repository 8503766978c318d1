// Package validate collects field errors while checking input.
package validate

import (
	"errors"
	"fmt"
	"net/mail"
	"regexp"
	"strings"
	"unicode/utf8"

	"example.com/shop/internal/platform/errs"
)

// FieldError is one problem with one input field.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// Error is a failed validation with every field error found.
type Error struct {
	Fields []FieldError
}

func (e *Error) Error() string {
	parts := make([]string, 0, len(e.Fields))
	for _, f := range e.Fields {
		parts = append(parts, f.Field+": "+f.Message)
	}
	return "validation failed: " + strings.Join(parts, "; ")
}

// Validator accumulates field errors. The zero value is ready to use.
type Validator struct {
	errs []FieldError
}

// Add records a field error.
func (v *Validator) Add(field, msg string) {
	v.errs = append(v.errs, FieldError{Field: field, Message: msg})
}

// Check records msg for field unless ok, and returns ok.
func (v *Validator) Check(ok bool, field, msg string) bool {
	if !ok {
		v.Add(field, msg)
	}
	return ok
}

// Required checks that value is not blank.
func (v *Validator) Required(field, value string) bool {
	return v.Check(strings.TrimSpace(value) != "", field, "is required")
}

// MaxLen checks that value has at most n characters.
func (v *Validator) MaxLen(field, value string, n int) bool {
	return v.Check(utf8.RuneCountInString(value) <= n, field, fmt.Sprintf("must be at most %d characters", n))
}

// MinLen checks that value has at least n characters.
func (v *Validator) MinLen(field, value string, n int) bool {
	return v.Check(utf8.RuneCountInString(value) >= n, field, fmt.Sprintf("must be at least %d characters", n))
}

// Email checks that value is a bare e-mail address.
func (v *Validator) Email(field, value string) bool {
	addr, err := mail.ParseAddress(value)
	return v.Check(err == nil && addr.Address == value, field, "must be a valid e-mail address")
}

// Positive checks that n is greater than zero.
func (v *Validator) Positive(field string, n int64) bool {
	return v.Check(n > 0, field, "must be greater than zero")
}

// Between checks that lo <= n <= hi.
func (v *Validator) Between(field string, n, lo, hi int) bool {
	return v.Check(n >= lo && n <= hi, field, fmt.Sprintf("must be between %d and %d", lo, hi))
}

// OneOf checks that value is one of allowed.
func (v *Validator) OneOf(field, value string, allowed ...string) bool {
	for _, a := range allowed {
		if value == a {
			return true
		}
	}
	v.Add(field, "must be one of "+strings.Join(allowed, ", "))
	return false
}

// Match checks value against re.
func (v *Validator) Match(field, value string, re *regexp.Regexp, msg string) bool {
	return v.Check(re.MatchString(value), field, msg)
}

// Valid reports whether no error was recorded.
func (v *Validator) Valid() bool { return len(v.errs) == 0 }

// Err returns the accumulated errors as an invalid-input error, or nil.
func (v *Validator) Err(op string) error {
	if v.Valid() {
		return nil
	}
	fields := make([]FieldError, len(v.errs))
	copy(fields, v.errs)
	return &errs.Error{Kind: errs.KindInvalid, Op: op, Msg: "invalid input", Err: &Error{Fields: fields}}
}

// Fields returns the field errors in err's chain, if any.
func Fields(err error) []FieldError {
	var ve *Error
	if errors.As(err, &ve) {
		return ve.Fields
	}
	return nil
}
