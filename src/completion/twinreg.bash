# bash completion for twinreg(1)                          -*- shell-script -*-
#
# Installed as .../bash-completion/completions/twinreg, where
# bash-completion loads it the first time twinreg is completed; or
# source it from ~/.bashrc.  twinreg itself says what fits
# (`twinreg __complete WORD...`): commands, each command's options,
# kinds, formats, columns, and the names and countries of the registry
# the line names (--db, --sample, else $TWINREG_DB or the default).

# The word W as the shell will read it, quotes and backslashes taken off
# (nothing is expanded), in REPLY.
_twinreg_dequote()
{
	local w=$1 c q= i
	REPLY=
	for ((i = 0; i < ${#w}; i++)); do
		c=${w:i:1}
		if [[ $q == "'" ]]; then
			[[ $c == "'" ]] && q= || REPLY+=$c
		elif [[ $q == '"' ]]; then
			if [[ $c == '"' ]]; then
				q=
			elif [[ $c == '\' && ${w:i+1:1} == [\"\\\$\`] ]]; then
				REPLY+=${w:i+1:1}
				((i++))
			else
				REPLY+=$c
			fi
		elif [[ $c == "'" || $c == '"' ]]; then
			q=$c
		elif [[ $c == '\' ]]; then
			REPLY+=${w:i+1:1}
			((i++))
		else
			REPLY+=$c
		fi
	done
}

_twinreg()
{
	local prog cur w line cut glue=0 quote=0 i
	local -a words=() cands=()

	COMPREPLY=()
	# The twinreg being completed, if it can be run; else the one on PATH.
	_twinreg_dequote "${COMP_WORDS[0]}"
	prog=$REPLY
	[[ $prog == "~/"* ]] && prog=$HOME/${prog#"~/"}
	type -P -- "$prog" > /dev/null 2>&1 || prog=twinreg

	# The words after twinreg up to the cursor, unquoted, the one being
	# completed last; "--opt=value", which COMP_WORDBREAKS cuts at '=',
	# as one word.
	for ((i = 1; i <= COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		if [[ $w == "=" && ${#words[@]} -gt 0 && ${words[-1]} == --* &&
		    ${words[-1]} != *=* ]]; then
			words[-1]+="="
			glue=1
			continue
		fi
		_twinreg_dequote "$w"
		if ((glue)); then
			words[-1]+=$REPLY
			glue=0
		else
			words+=("$REPLY")
		fi
	done
	((${#words[@]} > 0)) || return 0

	# What readline replaces: the word at the cursor ("" right after
	# "--opt="), inside the user's open quote if there is one.
	w=${COMP_WORDS[COMP_CWORD]}
	[[ $w == "=" ]] && w=
	[[ $w == [\"\']* ]] && quote=1
	_twinreg_dequote "$w"
	cur=$REPLY
	# Each candidate is the whole word: what comes before CUR goes.
	cut=$((${#words[-1]} - ${#cur}))

	while IFS= read -r line; do
		cands+=("$line")
	done < <("$prog" __complete "${words[@]}" 2> /dev/null)

	if [[ ${#cands[@]} -eq 1 && ${cands[0]} == ":files" ]]; then
		compopt -o default 2> /dev/null
		return 0
	fi
	for w in "${cands[@]}"; do
		COMPREPLY+=("${w:cut}")
		[[ $w == *[!A-Za-z0-9_.,:=+@%/-]* ]] && quote=1
	done
	# Names with spaces, quotes or other letters: readline quotes them as
	# it quotes file names, inside the user's open quote if any.
	((quote)) && compopt -o filenames 2> /dev/null
	return 0
}

complete -F _twinreg twinreg
