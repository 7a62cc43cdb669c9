package geo

import (
	"github.com/paulmach/orb"
	orbgeo "github.com/paulmach/orb/geo"
)

// DistanceKm is the great-circle (haversine) distance in kilometres between
// two points given in degrees, on orb's spherical Earth (radius 6,378.137 km).
// It is the one distance every package uses: nearest airports for flight
// legs, airports serving a city, gazetteer checks.
func DistanceKm(lat1, lon1, lat2, lon2 float64) float64 {
	return orbgeo.DistanceHaversine(orb.Point{lon1, lat1}, orb.Point{lon2, lat2}) / 1000
}
