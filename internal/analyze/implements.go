package analyze

// implementations records RefImplement edges for the file: places where a
// concrete module type is used as an interface declared elsewhere.
func (b *builder) implementations(w *refWalker, f unitFile) {}
