package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"example.com/shop/internal/models"
	"example.com/shop/internal/platform/money"
)

// priceRow is one entry of a product's price history.
type priceRow struct {
	ID          uint   `gorm:"primaryKey"`
	ProductID   string `gorm:"index;size:32"`
	AmountMinor int64
	Currency    string `gorm:"size:3"`
	ValidFrom   time.Time
	ChangedBy   string
}

// TableName maps priceRow to its table.
func (priceRow) TableName() string { return "product_prices" }

const priceHistorySQL = `SELECT id, product_id, amount_minor, currency, valid_from, changed_by
FROM product_prices
WHERE product_id = ?
ORDER BY valid_from DESC
LIMIT ?`

// PricePoint is a past price.
type PricePoint struct {
	Price     money.Money
	ValidFrom time.Time
	ChangedBy string
}

// ChangePrice sets a product's price and records it in the history, in one
// transaction. It returns the previous price.
func (s *Store) ChangePrice(ctx context.Context, productID string, price money.Money, by string, at time.Time) (money.Money, error) {
	var old money.Money
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var p models.Product
		if err := tx.Where("id = ?", productID).First(&p).Error; err != nil {
			return notFound(err, "product", productID)
		}
		old = p.Price()
		update := map[string]any{"price_minor": price.Amount, "currency": string(price.Currency), "updated_at": at}
		if err := tx.Model(&p).Updates(update).Error; err != nil {
			return err
		}
		row := priceRow{ProductID: productID, AmountMinor: price.Amount, Currency: string(price.Currency), ValidFrom: at, ChangedBy: by}
		return tx.Create(&row).Error
	})
	if err != nil {
		return money.Money{}, fmt.Errorf("catalog store: change price of %s: %w", productID, err)
	}
	return old, nil
}

// PriceHistory returns the latest price changes of a product.
func (s *Store) PriceHistory(ctx context.Context, productID string, limit int) ([]PricePoint, error) {
	var rows []priceRow
	if err := s.db.WithContext(ctx).Raw(priceHistorySQL, productID, limit).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("catalog store: price history of %s: %w", productID, err)
	}
	out := make([]PricePoint, 0, len(rows))
	for _, r := range rows {
		out = append(out, PricePoint{
			Price:     money.New(r.AmountMinor, money.Currency(r.Currency)),
			ValidFrom: r.ValidFrom,
			ChangedBy: r.ChangedBy,
		})
	}
	return out, nil
}
