package report

import "charm.land/lipgloss/v2"

// Styles are data, kept in one place. Colour is dropped automatically on a
// pipe, under NO_COLOR and in tests: text is written through lipgloss's
// colour-profile writer.
var (
	styleTitle   = lipgloss.NewStyle().Bold(true)
	styleHeading = lipgloss.NewStyle().Bold(true).Underline(true)
	styleLabel   = lipgloss.NewStyle().Faint(true)
	styleWarn    = lipgloss.NewStyle().Foreground(lipgloss.Color("3")).Bold(true)
	styleError   = lipgloss.NewStyle().Foreground(lipgloss.Color("1")).Bold(true)
	styleMuted   = lipgloss.NewStyle().Foreground(lipgloss.Color("8"))

	// boundaryPalette gives each boundary a stable colour by its position.
	boundaryPalette = []string{"4", "2", "5", "6", "3", "1", "12", "10", "13", "14", "11", "9"}
)

// boundaryStyle is the style of the i-th boundary's name.
func boundaryStyle(i int) lipgloss.Style {
	return lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color(boundaryPalette[i%len(boundaryPalette)]))
}
