// Package gormstore persists customers, their addresses and their login
// sessions with GORM.
package gormstore

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"example.com/shop/internal/models"
	"example.com/shop/internal/platform/errs"
)

// Store is the customers store.
type Store struct {
	db *gorm.DB
}

// New returns a store on db.
func New(db *gorm.DB) *Store { return &Store{db: db} }

// Customer loads a customer with their addresses.
func (s *Store) Customer(ctx context.Context, id string) (*models.Customer, error) {
	var c models.Customer
	err := s.db.WithContext(ctx).Preload("Addresses").First(&c, "id = ?", id).Error
	if err != nil {
		return nil, wrap(err, "customer", id)
	}
	return &c, nil
}

// CustomerByEmail loads a customer by normalized e-mail address.
func (s *Store) CustomerByEmail(ctx context.Context, email string) (*models.Customer, error) {
	var c models.Customer
	err := s.db.WithContext(ctx).Where("email = ? AND closed_at IS NULL", email).First(&c).Error
	if err != nil {
		return nil, wrap(err, "customer", email)
	}
	return &c, nil
}

// EmailTaken reports whether an open account uses email.
func (s *Store) EmailTaken(ctx context.Context, email string) (bool, error) {
	var n int64
	err := s.db.WithContext(ctx).Model(&models.Customer{}).Where("email = ? AND closed_at IS NULL", email).Count(&n).Error
	if err != nil {
		return false, fmt.Errorf("customers: email lookup: %w", err)
	}
	return n > 0, nil
}

// CreateCustomer inserts c.
func (s *Store) CreateCustomer(ctx context.Context, c *models.Customer) error {
	if err := s.db.WithContext(ctx).Create(c).Error; err != nil {
		if errors.Is(err, gorm.ErrDuplicatedKey) || strings.Contains(err.Error(), "duplicate key") {
			return errs.Conflict("customers.CreateCustomer", "an account with this e-mail address exists")
		}
		return fmt.Errorf("customers: create: %w", err)
	}
	return nil
}

// UpdateFields updates the given columns of a customer.
func (s *Store) UpdateFields(ctx context.Context, id string, fields map[string]any) error {
	res := s.db.WithContext(ctx).Model(&models.Customer{}).Where("id = ?", id).Updates(fields)
	if res.Error != nil {
		return fmt.Errorf("customers: update %s: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		return errs.NotFound("customers.UpdateFields", "customer %q not found", id)
	}
	return nil
}

// Close anonymises a customer and deletes their addresses and sessions.
func (s *Store) Close(ctx context.Context, id string, at time.Time) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Model(&models.Customer{}).Where("id = ? AND closed_at IS NULL", id).Updates(map[string]any{
			"closed_at":          at,
			"email":              "closed+" + id + "@invalid",
			"name":               "",
			"password_hash":      "",
			"default_address_id": "",
			"updated_at":         at,
		})
		if res.Error != nil {
			return res.Error
		}
		if err := tx.Where("customer_id = ?", id).Delete(&models.Address{}).Error; err != nil {
			return err
		}
		return tx.Exec(deleteSessionsOfSQL, id).Error
	})
}

// DayCount is the number of sign-ups on one day.
type DayCount struct {
	Day time.Time
	N   int64
}

const signupsSQL = `SELECT date_trunc('day', created_at) AS day, count(*) AS n
FROM customers
WHERE created_at >= ?
GROUP BY 1
ORDER BY 1`

// SignupsPerDay counts new accounts per day since the given time.
func (s *Store) SignupsPerDay(ctx context.Context, since time.Time) ([]DayCount, error) {
	var out []DayCount
	if err := s.db.WithContext(ctx).Raw(signupsSQL, since).Scan(&out).Error; err != nil {
		return nil, fmt.Errorf("customers: signups: %w", err)
	}
	return out, nil
}

func wrap(err error, what, key string) error {
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return errs.NotFound("customers.store", "%s %q not found", what, key)
	}
	return fmt.Errorf("customers: %s %q: %w", what, key, err)
}
