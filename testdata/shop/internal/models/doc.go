// Package models holds the shop's persistent types. It started as "the
// structs that map to tables" and grew into the place where every team puts
// its types, so it now mixes orders, catalog, customers, payments, shipping
// and inventory.
package models
