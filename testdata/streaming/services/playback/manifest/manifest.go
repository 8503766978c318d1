// Package manifest builds HLS master playlists for a playback session.
package manifest

import (
	"fmt"
	"sort"
	"strings"

	"github.com/flickstream/api/models"
)

// Variant is a rendition selected for the session.
type Variant struct {
	URI         string
	Height      int
	Width       int
	BitrateKbps int
	Codec       string
}

var codecTags = map[string]string{
	"h264": "avc1.640028,mp4a.40.2",
	"h265": "hvc1.2.4.L150.B0,mp4a.40.2",
	"av1":  "av01.0.08M.08,mp4a.40.2",
}

// Select filters renditions to those a device can play at the allowed quality,
// preferring the most efficient codec the device supports at each height.
func Select(rs []models.Rendition, maxHeight int, deviceCodecs []string) []Variant {
	supported := map[string]int{}
	for i, c := range deviceCodecs {
		supported[c] = len(deviceCodecs) - i // earlier = preferred
	}
	if len(supported) == 0 {
		supported["h264"] = 1
	}
	best := map[int]models.Rendition{}
	for _, r := range rs {
		if r.Height > maxHeight || supported[r.Codec] == 0 {
			continue
		}
		cur, ok := best[r.Height]
		if !ok || supported[r.Codec] > supported[cur.Codec] {
			best[r.Height] = r
		}
	}
	out := make([]Variant, 0, len(best))
	for h, r := range best {
		out = append(out, Variant{URI: r.URI, Height: h, Width: h * 16 / 9, BitrateKbps: r.BitrateKbps, Codec: r.Codec})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].BitrateKbps < out[j].BitrateKbps })
	return out
}

// Master renders the master playlist. Ad breaks are signalled with
// EXT-X-DATERANGE cues so client-side ad insertion knows where to pause.
func Master(vs []Variant, cdnBase, keyID, licenseURL string, breaks []models.AdBreak) string {
	var b strings.Builder
	b.WriteString("#EXTM3U\n#EXT-X-VERSION:6\n#EXT-X-INDEPENDENT-SEGMENTS\n")
	if keyID != "" {
		fmt.Fprintf(&b, "#EXT-X-SESSION-KEY:METHOD=SAMPLE-AES,URI=\"%s\",KEYFORMAT=\"urn:uuid:edef8ba9-79d6-4ace-a3c8-27dcd51d21ed\",KEYID=0x%s\n",
			licenseURL, keyID)
	}
	for i, br := range breaks {
		total := 0
		for _, a := range br.Ads {
			total += a.DurationSec
		}
		fmt.Fprintf(&b, "#EXT-X-DATERANGE:ID=\"ad%d\",CLASS=\"com.flickstream.ad\",START-DATE=\"1970-01-01T00:00:00Z\",X-OFFSET=%d,PLANNED-DURATION=%d\n",
			i, br.OffsetSec, total)
	}
	for _, v := range vs {
		fmt.Fprintf(&b, "#EXT-X-STREAM-INF:BANDWIDTH=%d,RESOLUTION=%dx%d,CODECS=\"%s\"\n",
			v.BitrateKbps*1000, v.Width, v.Height, codecTags[v.Codec])
		b.WriteString(resolve(cdnBase, v.URI))
		b.WriteByte('\n')
	}
	return b.String()
}

func resolve(cdnBase, uri string) string {
	if strings.HasPrefix(uri, "https://") {
		return uri
	}
	// renditions are stored as s3://bucket/path; the CDN fronts the bucket
	if _, rest, ok := strings.Cut(uri, "://"); ok {
		if _, path, ok := strings.Cut(rest, "/"); ok {
			return strings.TrimRight(cdnBase, "/") + "/" + path
		}
	}
	return strings.TrimRight(cdnBase, "/") + "/" + strings.TrimLeft(uri, "/")
}
