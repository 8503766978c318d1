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

// graphPalette gives each boundary of a drawn graph (DOT, Mermaid) a
// stable colour by its position: a light fill that black text reads on,
// and a strong stroke for borders and the edges inside the boundary.
var graphPalette = []graphColor{
	{"#cfe2f3", "#1f77b4"}, // blue
	{"#d9ead3", "#2ca02c"}, // green
	{"#fce5cd", "#e6730b"}, // orange
	{"#e4d7f5", "#9467bd"}, // purple
	{"#d7e3e8", "#4f7a8a"}, // steel (no red: red marks references across boundaries and cycles)
	{"#d0f0ee", "#139aa8"}, // teal
	{"#eadbd2", "#8c564b"}, // brown
	{"#fbd9ef", "#d158b0"}, // pink
	{"#eef1c8", "#9a9b12"}, // olive
	{"#d6dcef", "#393b79"}, // navy
	{"#fff2cc", "#bf9000"}, // gold
	{"#e0e0e0", "#5c5c5c"}, // slate
}

// Colours of the parts of a drawn graph that are not boundaries.
var (
	graphShared     = graphColor{"#eeeeee", "#8c8c8c"} // shared kernel
	graphEntrypoint = graphColor{"#ffffff", "#555555"} // entry points
	graphCross      = "#b03a2e"                        // references crossing a boundary (package, symbol level)
	graphDepends    = "#4d4d4d"                        // references between boundaries (boundary level)
	graphCycle      = "#e0301e"                        // references that close a cycle between boundaries
	graphPeriphery  = "#b8b8b8"                        // references to the shared kernel, from entry points
	graphTables     = "#7d3c98"                        // boundaries sharing tables
	graphFont       = "Helvetica,Arial,sans-serif"
)

// boundaryStyle is the style of the i-th boundary's name.
func boundaryStyle(i int) lipgloss.Style {
	return lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color(boundaryPalette[i%len(boundaryPalette)]))
}
