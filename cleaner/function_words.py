"""The commonest function words of the languages the benchmarks carry, shared by the line model and
the heuristics that tell a topic word from the glue between words."""

# A few dozen per language (en, de, fr, es, it, pt, nl, pl, ru). Their share in a line is the line
# model's strongest sign of running prose; a word that is none of them can carry a topic.
STOPWORDS = frozenset("""
the a an and or but of to in on at by for with from as is are was were be been being it its this that these
those he she they we you i his her their our your not no has have had do does did will would can could
should may might must there here which who whom whose what when where why how than then so if about into
over after before also more most such only other some any all said says
der die das den dem des ein eine einer eines einem einen und oder aber nicht ist sind war waren wird werden
hat haben mit von zu im in auf für an aus bei nach über auch sich es er sie wir ihr ich dass wie als noch
nur so wenn um
le la les un une des du de et ou mais est sont était été sera dans sur pour par avec en au aux ce cette ces
qui que quoi dont où il elle ils elles nous vous je ne pas plus se sa son ses leur leurs a été
el los las uno una unos unas y o pero es son era fue ser en con por para del al lo que se su sus como más
muy este esta estos estas ha han
il lo gli i una uno e ed ma è sono era stato di da nel nella con per tra fra che chi non si suo sua dei
delle della degli al alla
o os as um uma e mas é são era foi ser em no na nos nas com por para do da dos das que não se seu sua
de het een en of maar is zijn was waren wordt worden heeft hebben met van te in op voor aan uit bij naar
over ook zich dat die wat hoe als niet er hij zij wij
i w z na do nie się jest są był była było to że jak ale lub oraz od po przez dla przy jego jej ich ten ta
to tym tego co
и в во не на что с со как а но по к у из за от о об для это то он она они мы вы я его её их был была было
были есть же бы ли уже или при так
""".split())  # noqa: SIM905 (a list per language per line reads better)
