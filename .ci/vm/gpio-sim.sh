# Sourced by init.sh (busybox sh, in the initramfs) and guest-check.sh (the guest's sh): gpio-sim chips
# laid out as a Raspberry Pi's kernel lays out its own. Each chip is a gpio-sim device of its own with
# one bank of 8 lines, labelled as the Pi's kernel labels its chips, since the node finds the header's
# chip by its label. Lines 3, 5, 6 and 7 are named for what the node and the adapter tests wire there.
SIMCFG=/sys/kernel/config/gpio-sim

# sim_add NAME LABEL: creates the chip and prints "<chip name> <its gpio-sim sysfs dir>".
sim_add() {
  d=$SIMCFG/$1
  mkdir $d $d/bank0 || return 1
  echo 8 > $d/bank0/num_lines
  echo "$2" > $d/bank0/label
  for l in 3:LED 5:BUTTON 6:SENSOR 7:SPARE; do
    mkdir $d/bank0/line${l%%:*} && echo ${l#*:} > $d/bank0/line${l%%:*}/name
  done
  echo 1 > $d/live || return 1
  chip=$(cat $d/bank0/chip_name)
  s=/sys/devices/platform/$(cat $d/dev_name)/$chip
  # The button line idles high, like a button with the pull-up the node asks for.
  echo pull-up > $s/sim_gpio5/pull
  # No udevd on this root: give the chip to group gpio here, once the group exists.
  [ -n "$GPIO_GID" ] && chown 0:$GPIO_GID /dev/$chip && chmod 0660 /dev/$chip
  echo "$chip $s"
}

# sim_del NAME: removes the chip; nothing may hold it open, so that the next chip takes the lowest number.
sim_del() {
  d=$SIMCFG/$1
  [ -d $d ] || return 0
  echo 0 > $d/live
  rmdir $d/bank0/line* $d/bank0 $d
}

# layout pi5|pi4|none: replaces every sim chip with the layout and sets HEADER and SIM (the header's chip
# and sysfs dir; empty for none), LABEL, BOARD (the board the node names), DECOY and DECOY_SIM (a chip the
# node must leave alone) and CHIPS (what the node's message lists when no chip fits).
# pi5 is an early Pi 5 kernel's: the SoC's GPIO first, RP1 (the header) at a higher number.
# pi4 is a Pi 4's: the header first, the firmware's expander after it.
layout() {
  for d in $SIMCFG/*; do [ -d "$d" ] && sim_del ${d##*/}; done
  HEADER=""; SIM=""; LABEL=""; BOARD=""
  case $1 in
    pi5)
      r=$(sim_add decoy gpio-brcmstb@107d508500) || return 1; DECOY=${r%% *}; DECOY_SIM=${r#* }
      r=$(sim_add pi pinctrl-rp1) || return 1; HEADER=${r%% *}; SIM=${r#* }
      LABEL=pinctrl-rp1; BOARD="Raspberry Pi 5, 500 or CM5"
      CHIPS="$DECOY 'gpio-brcmstb@107d508500' (8 lines), $HEADER 'pinctrl-rp1' (8 lines)";;
    pi4)
      r=$(sim_add pi pinctrl-bcm2711) || return 1; HEADER=${r%% *}; SIM=${r#* }
      r=$(sim_add decoy raspberrypi-exp-gpio) || return 1; DECOY=${r%% *}; DECOY_SIM=${r#* }
      LABEL=pinctrl-bcm2711; BOARD="Raspberry Pi 4, 400 or CM4"
      CHIPS="$HEADER 'pinctrl-bcm2711' (8 lines), $DECOY 'raspberrypi-exp-gpio' (8 lines)";;
    none)
      r=$(sim_add decoy gpio-brcmstb@107d508500) || return 1; DECOY=${r%% *}; DECOY_SIM=${r#* }
      r=$(sim_add expander raspberrypi-exp-gpio) || return 1
      CHIPS="$DECOY 'gpio-brcmstb@107d508500' (8 lines), ${r%% *} 'raspberrypi-exp-gpio' (8 lines)";;
    *) return 1;;
  esac
}
