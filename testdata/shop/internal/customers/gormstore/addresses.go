package gormstore

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"example.com/shop/internal/models"
	"example.com/shop/internal/platform/errs"
)

// Addresses lists a customer's addresses, oldest first.
func (s *Store) Addresses(ctx context.Context, customerID string) ([]models.Address, error) {
	var out []models.Address
	if err := s.db.WithContext(ctx).Where("customer_id = ?", customerID).Order("created_at").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("customers: addresses of %s: %w", customerID, err)
	}
	return out, nil
}

// Address loads one address of a customer.
func (s *Store) Address(ctx context.Context, customerID, id string) (*models.Address, error) {
	var a models.Address
	err := s.db.WithContext(ctx).Where("id = ? AND customer_id = ?", id, customerID).First(&a).Error
	if err != nil {
		return nil, wrap(err, "address", id)
	}
	return &a, nil
}

// CountAddresses counts a customer's addresses.
func (s *Store) CountAddresses(ctx context.Context, customerID string) (int64, error) {
	var n int64
	err := s.db.WithContext(ctx).Model(&models.Address{}).Where("customer_id = ?", customerID).Count(&n).Error
	return n, err
}

// AddAddress inserts a.
func (s *Store) AddAddress(ctx context.Context, a *models.Address) error {
	if err := s.db.WithContext(ctx).Create(a).Error; err != nil {
		return fmt.Errorf("customers: add address: %w", err)
	}
	return nil
}

// DeleteAddress removes an address, clearing it as the default.
func (s *Store) DeleteAddress(ctx context.Context, customerID, id string) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		res := tx.Delete(&models.Address{}, "id = ? AND customer_id = ?", id, customerID)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return errs.NotFound("customers.DeleteAddress", "address %q not found", id)
		}
		return tx.Model(&models.Customer{}).
			Where("id = ? AND default_address_id = ?", customerID, id).
			Update("default_address_id", "").Error
	})
}

// SetDefaultAddress makes an address the customer's default.
func (s *Store) SetDefaultAddress(ctx context.Context, customerID, addressID string) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var a models.Address
		if err := tx.Where("id = ? AND customer_id = ?", addressID, customerID).First(&a).Error; err != nil {
			return wrap(err, "address", addressID)
		}
		return tx.Model(&models.Customer{}).Where("id = ?", customerID).Update("default_address_id", addressID).Error
	})
}
