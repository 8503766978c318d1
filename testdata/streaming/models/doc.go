// Package models holds the shared data types that most packages pass around.
// It started as the monolith's "entities" package and every team has added to
// it since; it is imported nearly everywhere.
package models
